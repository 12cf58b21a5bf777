// The functional reference for whole networks (sim/reference/reference_network.h): hand-computed cases
// for every operator, and convolutions checked against an independent computation written here.
#include "sim/reference/reference_network.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "arch/sram/output_scale.h"
#include "sim/reference/quant_params.h"
#include "workloads/layer_tensors.h"
#include "workloads/network.h"

namespace systolica {
namespace {

using Bytes = std::vector<std::int8_t>;

// y = acc x multiplier / 2^shift: x 1 with shift 0, x 0.5 with shift 1.
OutputScale fixed_scale(int shift, Activation activation = Activation::None, std::int32_t multiplier = 1) {
  OutputScale s;
  s.multiplier = multiplier;
  s.shift = shift;
  s.activation = activation;
  return s;
}

// A network of one layer reading the network input.
Network single_layer(Layer l) {
  Network net;
  net.name = "single";
  net.input = {l.batch, l.in_h, l.in_w, l.in_c};
  l.inputs = {kNetworkInput};
  net.layers = {l};
  net.validate();
  return net;
}

NetworkParams single_params(Bytes input, Bytes weights, OutputScale scale = OutputScale{}) {
  NetworkParams p;
  p.input = std::move(input);
  p.layers.resize(1);
  p.layers[0].weights = std::move(weights);
  p.layers[0].scale = scale;
  p.extra_inputs.resize(1);
  return p;
}

Bytes run_single(const Layer& l, Bytes input, Bytes weights, OutputScale scale = OutputScale{}) {
  return run_reference_network(single_layer(l), single_params(std::move(input), std::move(weights), scale))
      .at(0);
}

Bytes bytes(std::initializer_list<int> values) {
  Bytes out;
  for (int v : values) out.push_back(static_cast<std::int8_t>(v));
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Convolutions by hand.

TEST(ReferenceNetwork, ConvThreeByThreeByHand) {
  // A Sobel-x kernel over 1..9 with zero padding 1:
  //   in = 1 2 3    w = 1 0 -1    out(0,0) = 0x1 - 2x2 + 0x4 - 1x5 = -9 (only the 2x2 in-bounds corner)
  //        4 5 6        2 0 -2    out(1,1) = (1 - 3) + 2 (4 - 6) + (7 - 9) = -8
  //        7 8 9        1 0 -1
  Layer l = make_conv_layer("sobel", 3, 3, 1, 1, 3, 3, 1, 1);
  const Bytes in = bytes({1, 2, 3, 4, 5, 6, 7, 8, 9});
  const Bytes w = bytes({1, 0, -1, 2, 0, -2, 1, 0, -1});
  EXPECT_EQ(run_single(l, in, w), bytes({-9, -6, 9, -20, -8, 20, -21, -6, 21}));

  // Stride 2 keeps the corners; x 0.5 rounds the halves to even (-4.5 -> -4, 10.5 -> 10); ReLU last.
  l.stride_h = l.stride_w = 2;
  EXPECT_EQ(run_single(l, in, w, fixed_scale(1)), bytes({-4, 4, -10, 10}));
  l.activation = Activation::Relu;
  EXPECT_EQ(run_single(l, in, w, fixed_scale(1, Activation::Relu)), bytes({0, 4, 0, 10}));
}

TEST(ReferenceNetwork, ConvChannelsAndFiltersAreNhwcAndKrsc) {
  // 1x1 input, 2 channels (3, -5); a 1x1 conv with 3 filters, weights [filter][channel].
  Layer l = make_conv_layer("c", 1, 1, 2, 3, 1, 1, 1, 0);
  const Bytes w = bytes({1, 0,     // filter 0: channel 0
                         0, 1,     // filter 1: channel 1
                         2, -1});  // filter 2: 2 x 3 + 5
  EXPECT_EQ(run_single(l, bytes({3, -5}), w), bytes({3, -5, 11}));
}

TEST(ReferenceNetwork, GroupedConvReadsOnlyItsGroupsChannels) {
  // 4 channels in 2 groups, 2 filters per group, 1x1: filter o reads channels 2 (o / 2) .. 2 (o / 2) + 1.
  Layer l = make_conv_layer("g", 1, 1, 4, 4, 1, 1, 1, 0);
  l.groups = 2;
  const Bytes in = bytes({1, 2, 10, 20});
  const Bytes w = bytes({1, 1,    // filter 0, group 0: 1 + 2
                         1, -1,   // filter 1, group 0: 1 - 2
                         1, 1,    // filter 2, group 1: 10 + 20
                         0, 2});  // filter 3, group 1: 40
  EXPECT_EQ(run_single(l, in, w), bytes({3, -1, 30, 40}));
}

TEST(ReferenceNetwork, DilatedConvSkipsBetweenTaps) {
  // 5x1 input 1..5, a 2x1 kernel (1, 10) with dilation 2: out(y) = in(y) + 10 in(y + 2); 3 outputs.
  Layer l = make_conv_layer("d", 5, 1, 1, 1, 2, 1, 1, 0);
  l.dilation_h = 2;
  EXPECT_EQ(run_single(l, bytes({1, 2, 3, 4, 5}), bytes({1, 10})), bytes({31, 42, 53}));
}

// ---------------------------------------------------------------------------------------------------------
// Convolutions against an independent computation: explicit zero-padded copy, int64 sums reduced modulo 2^32.

Bytes independent_conv(const Layer& l, const Bytes& in, const Bytes& w, const OutputScale& s) {
  const int ph = l.in_h + 2 * l.pad_h, pw = l.in_w + 2 * l.pad_w;
  std::vector<int> padded(static_cast<std::size_t>(l.batch) * ph * pw * l.in_c, 0);
  auto at = [&](int b, int y, int x, int c) -> int& {
    return padded[((static_cast<std::size_t>(b) * ph + y) * pw + x) * l.in_c + c];
  };
  for (int b = 0; b < l.batch; ++b)
    for (int y = 0; y < l.in_h; ++y)
      for (int x = 0; x < l.in_w; ++x)
        for (int c = 0; c < l.in_c; ++c)
          at(b, y + l.pad_h, x + l.pad_w, c) =
              in[((static_cast<std::size_t>(b) * l.in_h + y) * l.in_w + x) * l.in_c + c];
  const int cg = l.in_c / l.groups, fg = l.out_c / l.groups;
  const int out_h = (ph - (l.dilation_h * (l.kernel_h - 1) + 1)) / l.stride_h + 1;
  const int out_w = (pw - (l.dilation_w * (l.kernel_w - 1) + 1)) / l.stride_w + 1;
  Bytes out;
  for (int b = 0; b < l.batch; ++b)
    for (int oy = 0; oy < out_h; ++oy)
      for (int ox = 0; ox < out_w; ++ox)
        for (int o = 0; o < l.out_c; ++o) {
          std::int64_t sum = 0;
          for (int ry = 0; ry < l.kernel_h; ++ry)
            for (int rx = 0; rx < l.kernel_w; ++rx)
              for (int c = 0; c < cg; ++c)
                sum += static_cast<std::int64_t>(at(b, oy * l.stride_h + ry * l.dilation_h,
                                                    ox * l.stride_w + rx * l.dilation_w, (o / fg) * cg + c)) *
                       w[((static_cast<std::size_t>(o) * l.kernel_h + ry) * l.kernel_w + rx) * cg + c];
          const std::int64_t two32 = std::int64_t{1} << 32;
          std::int64_t wrapped = ((sum % two32) + two32) % two32;
          if (wrapped >= two32 / 2) wrapped -= two32;
          out.push_back(read_out(static_cast<std::int32_t>(wrapped), s));
        }
  return out;
}

std::vector<Layer> conv_cases() {
  std::vector<Layer> cases;
  cases.push_back(make_conv_layer("stride2_pad1", 7, 7, 3, 4, 3, 3, 2, 1));
  Layer dilated = make_conv_layer("dilation2_pad2", 9, 8, 4, 6, 3, 3, 1, 2);
  dilated.dilation_h = dilated.dilation_w = 2;
  dilated.activation = Activation::Relu;
  cases.push_back(dilated);
  Layer grouped = make_conv_layer("groups4", 6, 6, 8, 12, 3, 3, 1, 1);
  grouped.groups = 4;
  cases.push_back(grouped);
  Layer dw = make_conv_layer("depthwise_s2", 7, 7, 5, 5, 3, 3, 2, 1);
  dw.groups = 5;
  dw.activation = Activation::Relu6;
  cases.push_back(dw);
  Layer dw2 = make_conv_layer("depthwise_multiplier2", 5, 6, 3, 6, 3, 3, 1, 1);
  dw2.groups = 3;
  cases.push_back(dw2);
  Layer odd = make_conv_layer("asymmetric_batch2", 6, 9, 3, 5, 2, 3, 1, 0);
  odd.batch = 2;
  odd.stride_w = 2;
  odd.pad_w = 1;
  odd.dilation_h = 3;
  odd.activation = Activation::HardSwish;
  cases.push_back(odd);
  Layer five = make_conv_layer("5x5_pad2_stride3", 8, 8, 2, 3, 5, 5, 3, 2);
  cases.push_back(five);
  Layer gemm = make_gemm_layer("gemm", 5, 7, 33);
  gemm.activation = Activation::Relu;
  cases.push_back(gemm);
  return cases;
}

TEST(ReferenceNetwork, ConvMatchesAnIndependentComputation) {
  std::uint64_t stream = 0;
  for (const Layer& l : conv_cases()) {
    SCOPED_TRACE(l.name);
    const Bytes in = random_int8(7, stream++, static_cast<std::size_t>(l.input_elements()));
    const Bytes w = random_int8(7, stream++, static_cast<std::size_t>(l.weight_bytes()));
    // Uniform int8 operands: sums of rms 73.9^2 sqrt(K); a scale that spreads them over the int8 range.
    const OutputScale s =
        choose_scale(l, kWeightRms * kWeightRms * std::sqrt(static_cast<double>(l.gemm().k)));
    const Bytes got = run_single(l, in, w, s);
    ASSERT_EQ(got.size(), static_cast<std::size_t>(l.output_elements()));
    EXPECT_EQ(got, independent_conv(l, in, w, s));
    int distinct_nonzero = 0;
    for (std::int8_t v : got) distinct_nonzero += v != 0 && v != 127 && v != -128;
    EXPECT_GT(distinct_nonzero, static_cast<int>(got.size()) / 4) << "the scale hides the sums";
  }
}

TEST(ReferenceNetwork, ConvSumsMatchTheSingleLayerDirectConvolution) {
  // workloads/layer_tensors.h's direct convolution (what single-layer functional runs check against) has no
  // dilation: compare the cases without it.
  for (const Layer& l : conv_cases()) {
    if (l.dilation_h != 1 || l.dilation_w != 1) continue;
    SCOPED_TRACE(l.name);
    const LayerTensors t = make_random_tensors(l, 11);
    EXPECT_EQ(reference_sums(l, {t.input}, t.weights), direct_convolution(l, t));
  }
}

TEST(ReferenceNetwork, SumsWrapAroundModulo2To32) {
  // K = 3 x 2^16 products of (-128) x (-128) = 2^14: the true sum 3 x 2^30 wraps to -2^30 in int32.
  const int k = 3 << 16;
  const Layer l = make_gemm_layer("wrap", 1, 1, k);
  const Bytes in(static_cast<std::size_t>(k), std::int8_t{-128});
  const Bytes w(static_cast<std::size_t>(k), std::int8_t{-128});
  EXPECT_EQ(reference_sums(l, {in}, w), std::vector<std::int32_t>{-(1 << 30)});
  // Read out x 2^-24: -2^30 -> -64 (without the wraparound it would be +192, saturating to 127).
  EXPECT_EQ(run_single(l, in, w, fixed_scale(24)), bytes({-64}));
}

TEST(ReferenceNetwork, GemmReadsItsProducerFlattenedInNhwcOrder) {
  // input 2x2x3 -> 1x1 conv (identity: a copy) -> FC with 12 features (identity): out[j] = input[j].
  NetworkBuilder b("flatten", {1, 2, 2, 3});
  const int copy = b.conv("copy", kNetworkInput, 3, 1, 1, 0);
  b.fully_connected("fc", copy, 12);
  const Network net = b.finish();
  ASSERT_EQ(net.layers[1].in_c, 12);
  NetworkParams p;
  p.input = bytes({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});  // (h, w, c) -> 6h + 3w + c + 1
  p.layers.resize(2);
  p.extra_inputs.resize(2);
  p.layers[0].weights = bytes({1, 0, 0, 0, 1, 0, 0, 0, 1});
  p.layers[1].weights.assign(144, 0);
  for (int j = 0; j < 12; ++j) p.layers[1].weights[static_cast<std::size_t>(j * 12 + j)] = 1;
  // Swap two features to show the FC's weights index the flattened tensor: feature 8 is (h 1, w 0, c 2).
  p.layers[1].weights[0 * 12 + 0] = 0;
  p.layers[1].weights[0 * 12 + 8] = 1;
  const auto out = run_reference_network(net, p);
  EXPECT_EQ(out[0], p.input);
  EXPECT_EQ(out[1], bytes({9, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}));
}

// ---------------------------------------------------------------------------------------------------------
// Read-out activations at their boundaries: a 1x1 conv with weight 1 and scale 1 reads out y = the input.

Bytes activate_each(const Bytes& ys, Activation a, int weight = 1, int six = 96) {
  Layer l = make_conv_layer("act", static_cast<int>(ys.size()), 1, 1, 1, 1, 1, 1, 0);
  l.activation = a;
  OutputScale s = fixed_scale(0, a);
  s.six = six;
  return run_single(l, ys, bytes({weight}), s);
}

TEST(ReferenceNetwork, HardSwishReadOutAtItsBoundaries) {
  // six = 96, three = 48: y (y + 48) / 96 rounded half to even between -48 and 48; 0 below, y above.
  //   -47: -47 x 1 / 96 = -0.49 -> 0     -25: -575 / 96 = -5.99 -> -6    -24: -576 / 96 = -6
  //   -12: -432 / 96 = -4.5 -> -4 (even)  1: 49 / 96 = 0.51 -> 1          12: 720 / 96 = 7.5 -> 8 (even)
  //    36: 3024 / 96 = 31.5 -> 32 (even)  47: 4465 / 96 = 46.51 -> 47     48 and above: y
  EXPECT_EQ(activate_each(bytes({-128, -49, -48, -47, -25, -24, -12, 0, 1, 12, 36, 47, 48, 127}),
                          Activation::HardSwish),
            bytes({0, 0, 0, 0, -6, -6, -4, 0, 1, 8, 32, 47, 48, 127}));
  // The activation acts before saturation: y = +-200 -> 200 (saturates to 127) and 0.
  EXPECT_EQ(activate_each(bytes({100, -100}), Activation::HardSwish, 2), bytes({127, 0}));
}

TEST(ReferenceNetwork, Relu6ReadOutAtItsBoundaries) {
  EXPECT_EQ(activate_each(bytes({-128, -1, 0, 1, 95, 96, 97, 127}), Activation::Relu6),
            bytes({0, 0, 0, 1, 95, 96, 96, 96}));
  // Clamped at six before saturation: 200 -> 96; with six = 12, at 12.
  EXPECT_EQ(activate_each(bytes({100, -100}), Activation::Relu6, 2), bytes({96, 0}));
  EXPECT_EQ(activate_each(bytes({11, 12, 13}), Activation::Relu6, 1, 12), bytes({11, 12, 12}));
  EXPECT_EQ(activate_each(bytes({-1, 0, 1, 127}), Activation::Relu), bytes({0, 0, 1, 127}));
  EXPECT_EQ(activate_each(bytes({100, -100}), Activation::None, 2), bytes({127, -128}));
}

// ---------------------------------------------------------------------------------------------------------
// Pooling.

TEST(ReferenceNetwork, MaxPoolPaddingNeverWins) {
  // 3x3x2, channel 0 all negative: -(3y + x + 1); channel 1 its negation. 3x3 window, stride 2, pad 1:
  // each output sees a 2x2 in-bounds corner, e.g. out(0,0) = max(-1, -2, -4, -5) = -1, never a padded 0.
  const Layer l = make_pool_layer("max", LayerKind::MaxPool, 3, 3, 2, 3, 2, 1);
  Bytes in;
  for (int i = 0; i < 9; ++i) {
    in.push_back(static_cast<std::int8_t>(-(i + 1)));
    in.push_back(static_cast<std::int8_t>(i + 1));
  }
  EXPECT_EQ(run_single(l, in, {}), bytes({-1, 5, -2, 6, -4, 8, -5, 9}));
}

TEST(ReferenceNetwork, AvgPoolCountsOnlyInBoundsElements) {
  // in =  1  1  3     3x3 window, stride 1, pad 1: corners average 4 elements, edges 6, the centre 9.
  //       0  0  0     (0,0): 2 / 4 = 0.5 -> 0 (even)      (0,1): 5 / 6 -> 1     (0,2): 4 / 4 = 1
  //      -1 -2 -6     (1,0): -1 / 6 -> 0                  (1,1): -4 / 9 -> 0    (1,2): -4 / 6 -> -1
  //                   (2,0): -3 / 4 -> -1                 (2,1): -9 / 6 = -1.5 -> -2 (even)   (2,2): -8 / 4
  // Counting the padding, (0,0) would be 2 / 9 -> 0 and (2,2) -8 / 9 -> -1.
  const Layer l = make_pool_layer("avg", LayerKind::AvgPool, 3, 3, 1, 3, 1, 1);
  EXPECT_EQ(run_single(l, bytes({1, 1, 3, 0, 0, 0, -1, -2, -6}), {}), bytes({0, 1, 1, 0, 0, -1, -1, -2, -2}));
}

TEST(ReferenceNetwork, GlobalAvgPoolRoundsHalfToEven) {
  // Batch 2 of 2x2x2. Image 0: channel 0 (1 2 3 4) 10 / 4 = 2.5 -> 2; channel 1 (-1 ..) -2.5 -> -2.
  // Image 1: 507 / 4 = 126.75 -> 127; -512 / 4 = -128.
  NetworkBuilder b("gap", {2, 2, 2, 2});
  b.global_avg_pool("gap", kNetworkInput);
  const Network net = b.finish();
  NetworkParams p;
  p.input = bytes({1, -1, 2, -2, 3, -3, 4, -4, 127, -128, 127, -128, 127, -128, 126, -128});
  p.layers.resize(1);
  p.extra_inputs.resize(1);
  EXPECT_EQ(run_reference_network(net, p).at(0), bytes({2, -2, 127, -128}));
}

// ---------------------------------------------------------------------------------------------------------
// Add.

TEST(ReferenceNetwork, AddReadsOutTheSumWithTheLayersActivation) {
  // a = the input (2 pixels x 4 channels), b = a 1x1 conv that rotates the channels (b[c] = a[(c + 1) % 4]).
  NetworkBuilder builder("add", {1, 2, 1, 4});
  const int rotated = builder.conv("rotate", kNetworkInput, 4, 1, 1, 0);
  builder.add("sum", kNetworkInput, rotated);
  Network net = builder.finish();
  NetworkParams p;
  p.input = bytes({1, 2, 127, -128, 127, 127, -128, -128});
  p.layers.resize(2);
  p.extra_inputs.resize(2);
  p.layers[0].weights = bytes({0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 1, 0, 0, 0});
  p.layers[1].scale = fixed_scale(1);  // x 0.5
  // a + b: 3, 129, -1, -127 | 254, -1, -256, -1; x 0.5, half to even: 2, 64, 0, -64 | 127, 0, -128, 0.
  auto out = run_reference_network(net, p);
  EXPECT_EQ(out[0], bytes({2, 127, -128, 1, 127, -128, -128, 127}));
  EXPECT_EQ(out[1], bytes({2, 64, 0, -64, 127, 0, -128, 0}));
  p.layers[1].scale = fixed_scale(0);  // x 1 saturates: 254 -> 127, -256 -> -128
  EXPECT_EQ(run_reference_network(net, p)[1], bytes({3, 127, -1, -127, 127, -1, -128, -1}));
  net.layers[1].activation = Activation::Relu;
  p.layers[1].scale = fixed_scale(1, Activation::Relu);
  EXPECT_EQ(run_reference_network(net, p)[1], bytes({2, 64, 0, 0, 127, 0, 0, 0}));
  // The read-out's activation must be the layer's.
  p.layers[1].scale.activation = Activation::None;
  EXPECT_THROW(run_reference_network(net, p), std::invalid_argument);
}

// ---------------------------------------------------------------------------------------------------------
// Network plumbing.

TEST(ReferenceNetwork, IndependentLayersReadTheirOwnInputs) {
  // As a SCALE-Sim topology lists them: layers with no inputs. Layer 0 reads the network input; layers
  // 1 and 2 read params.extra_inputs (the add: operand a, then operand b).
  Network net;
  net.name = "independent";
  net.input = {1, 4, 4, 2};
  net.layers.push_back(make_conv_layer("first", 4, 4, 2, 3, 3, 3, 1, 1));
  net.layers.push_back(make_conv_layer("second", 5, 6, 3, 2, 3, 3, 2, 0));
  Layer add;
  add.name = "add";
  add.kind = LayerKind::Add;
  add.in_h = 2;
  add.in_w = 3;
  add.in_c = 2;
  net.layers.push_back(add);
  net.validate();

  const NetworkParams p = make_network_params(net, 5);
  ASSERT_EQ(p.extra_inputs.size(), 3u);
  EXPECT_TRUE(p.extra_inputs[0].empty());
  EXPECT_EQ(p.extra_inputs[1].size(), 5u * 6 * 3);
  EXPECT_EQ(p.extra_inputs[2].size(), 2u * 2 * 3 * 2);
  const auto out = run_reference_network(net, p);
  EXPECT_EQ(out[0], independent_conv(net.layers[0], p.input, p.layers[0].weights, p.layers[0].scale));
  EXPECT_EQ(out[1],
            independent_conv(net.layers[1], p.extra_inputs[1], p.layers[1].weights, p.layers[1].scale));
  ASSERT_EQ(out[2].size(), 12u);
  for (std::size_t i = 0; i < 12; ++i) {
    EXPECT_EQ(out[2][i], read_out(p.extra_inputs[2][i] + p.extra_inputs[2][12 + i], p.layers[2].scale));
  }
}

TEST(ReferenceNetwork, ChainsLayersThroughTheGraph) {
  // conv -> maxpool -> (depthwise, 1x1) -> add of the pool and the branch: the add reads two earlier
  // layers, not the previous one. Each layer equals the single-layer reference on its producers' outputs.
  NetworkBuilder b("chain", {1, 8, 8, 3});
  const int c = b.conv("conv", kNetworkInput, 8, 3, 1, 1, Activation::Relu);
  const int pool = b.max_pool("pool", c, 2, 2, 0);
  const int dw = b.depthwise("dw", pool, 3, 1, 1, Activation::Relu6);
  const int pw = b.conv("pw", dw, 8, 1, 1, 0);
  b.add("add", pool, pw, Activation::Relu);
  const Network net = b.finish();
  const NetworkParams p = make_network_params(net, 3);
  const auto out = run_reference_network(net, p);
  ASSERT_EQ(out.size(), 5u);
  EXPECT_EQ(out[0], independent_conv(net.layers[0], p.input, p.layers[0].weights, p.layers[0].scale));
  EXPECT_EQ(out[1], run_single(net.layers[1], out[0], {}));
  EXPECT_EQ(out[2], independent_conv(net.layers[2], out[1], p.layers[2].weights, p.layers[2].scale));
  EXPECT_EQ(out[3], independent_conv(net.layers[3], out[2], p.layers[3].weights, p.layers[3].scale));
  for (std::size_t i = 0; i < out[4].size(); ++i) {
    ASSERT_EQ(out[4][i], read_out(out[1][i] + out[3][i], p.layers[4].scale));
  }
}

TEST(ReferenceNetwork, VectorLayerHasNoFunctionalModel) {
  NetworkBuilder b("classifier", {1, 1, 1, 8});
  const int fc = b.fully_connected("fc", kNetworkInput, 4);
  b.vector("softmax", fc, "Softmax");
  const Network net = b.finish();
  const NetworkParams p = make_network_params(net, 1);  // parameters exist; only running is impossible
  try {
    run_reference_network(net, p);
    FAIL() << "expected std::invalid_argument";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "layer 'softmax' (Softmax) has no functional model; run without --functional");
  }
}

TEST(ReferenceNetwork, RejectsParametersThatDoNotFitTheNetwork) {
  const Layer l = make_conv_layer("c", 3, 3, 2, 2, 3, 3, 1, 1);
  const Network net = single_layer(l);
  NetworkParams p = make_network_params(net, 1);
  EXPECT_NO_THROW(run_reference_network(net, p));
  NetworkParams short_weights = p;
  short_weights.layers[0].weights.pop_back();
  EXPECT_THROW(run_reference_network(net, short_weights), std::invalid_argument);
  NetworkParams short_input = p;
  short_input.input.pop_back();
  EXPECT_THROW(run_reference_network(net, short_input), std::invalid_argument);
  NetworkParams no_layers = p;
  no_layers.layers.clear();
  EXPECT_THROW(run_reference_network(net, no_layers), std::invalid_argument);
}

}  // namespace
}  // namespace systolica
