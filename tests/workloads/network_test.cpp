// The network graph: shapes inferred by the builder, the Gemm flatten, last readers on a residual graph,
// and validate()'s one-line errors.
#include "workloads/network.h"

#include <gtest/gtest.h>

#include <string>

namespace systolica {
namespace {

// Expects `fn` to throw LayerShapeError whose message contains every one of `parts`.
template <typename Fn>
void expect_shape_error(Fn fn, std::initializer_list<const char*> parts) {
  try {
    fn();
    FAIL() << "no LayerShapeError";
  } catch (const LayerShapeError& e) {
    const std::string msg = e.what();
    EXPECT_EQ(msg.find('\n'), std::string::npos) << msg;
    for (const char* p : parts) EXPECT_NE(msg.find(p), std::string::npos) << "'" << p << "' not in: " << msg;
  }
}

// A small residual network: stem conv, a block with an identity shortcut, a downsampling block with a
// projection shortcut, then pool and classifier.
//   0 stem   3x3/2 conv 32x32x3 -> 16x16x16
//   1 a1     3x3 conv            -> 16x16x16
//   2 a2     3x3 conv            -> 16x16x16
//   3 add_a  stem + a2
//   4 b1     3x3/2 conv          -> 8x8x32
//   5 b2     3x3 conv            -> 8x8x32
//   6 proj   1x1/2 conv of add_a -> 8x8x32
//   7 add_b  proj + b2
//   8 gap    -> 1x1x32
//   9 fc     -> 10
Network residual_net(int batch = 1) {
  NetworkBuilder b("res", TensorShape{batch, 32, 32, 3});
  const int stem = b.conv("stem", kNetworkInput, 16, 3, 2, 1, Activation::Relu);
  int x = b.conv("a1", stem, 16, 3, 1, 1, Activation::Relu);
  x = b.conv("a2", x, 16, 3, 1, 1);
  const int add_a = b.add("add_a", stem, x, Activation::Relu);
  x = b.conv("b1", add_a, 32, 3, 2, 1, Activation::Relu);
  x = b.conv("b2", x, 32, 3, 1, 1);
  const int proj = b.conv("proj", add_a, 32, 1, 2, 0);
  x = b.add("add_b", proj, x, Activation::Relu);
  x = b.global_avg_pool("gap", x);
  b.fully_connected("fc", x, 10);
  return b.finish();
}

TEST(Network, BuilderInfersShapes) {
  const Network net = residual_net();
  ASSERT_EQ(net.layers.size(), 10u);
  const Layer& stem = net.layers[0];
  EXPECT_EQ(stem.inputs, std::vector<int>{kNetworkInput});
  EXPECT_EQ(net.output_shape(0), (TensorShape{1, 16, 16, 16}));
  const Layer& b1 = net.layers[4];
  EXPECT_EQ(b1.in_h, 16);
  EXPECT_EQ(b1.in_c, 16);
  EXPECT_EQ(b1.activation, Activation::Relu);
  EXPECT_EQ(net.output_shape(4), (TensorShape{1, 8, 8, 32}));
  const Layer& add_b = net.layers[7];
  EXPECT_EQ(add_b.kind, LayerKind::Add);
  EXPECT_EQ(add_b.inputs, (std::vector<int>{6, 5}));
  EXPECT_EQ(net.input_shape(7, 0), (TensorShape{1, 8, 8, 32}));
  EXPECT_EQ(net.input_shape(7, 1), (TensorShape{1, 8, 8, 32}));
  const Layer& gap = net.layers[8];
  EXPECT_EQ(gap.kind, LayerKind::GlobalAvgPool);
  EXPECT_EQ(gap.kernel_h, 8);
  EXPECT_EQ(gap.kernel_w, 8);
  EXPECT_EQ(net.output_shape(8), (TensorShape{1, 1, 1, 32}));
  EXPECT_EQ(net.output_shape(9), (TensorShape{1, 1, 1, 10}));
}

TEST(Network, DepthwisePoolAndVectorLayers) {
  NetworkBuilder b("dw", TensorShape{2, 15, 15, 24});
  const int dw = b.depthwise("dw", kNetworkInput, 3, 2, 1, Activation::Relu6);
  const int mp = b.max_pool("mp", dw, 3, 2, 1);
  const int ap = b.avg_pool("ap", mp, 2, 2, 0);
  const int sm = b.vector("softmax", ap, "Softmax", 5);
  const Network net = b.finish();
  const Layer& d = net.layers[static_cast<std::size_t>(dw)];
  EXPECT_EQ(d.groups, 24);
  EXPECT_EQ(d.out_c, 24);
  EXPECT_EQ(net.output_shape(static_cast<std::size_t>(dw)), (TensorShape{2, 8, 8, 24}));
  EXPECT_EQ(net.output_shape(static_cast<std::size_t>(mp)), (TensorShape{2, 4, 4, 24}));
  EXPECT_EQ(net.output_shape(static_cast<std::size_t>(ap)), (TensorShape{2, 2, 2, 24}));
  EXPECT_EQ(net.output_shape(static_cast<std::size_t>(sm)), (TensorShape{2, 2, 2, 24}));
  EXPECT_EQ(net.layers[static_cast<std::size_t>(sm)].vector_op, "Softmax");
  // Depthwise: 2 images x 8 x 8 outputs x 24 channels x 9 taps.
  EXPECT_EQ(net.macs(), 2 * 8 * 8 * 24 * 9);
  EXPECT_EQ(net.weight_bytes(), 24 * 9);
}

// An fc reads its producer flattened: batch n, a 1x1 "image" of h*w*c channels; the flatten is free.
TEST(Network, FullyConnectedFlattensItsInput) {
  NetworkBuilder b("flat", TensorShape{3, 7, 7, 64});
  const int fc = b.fully_connected("fc", kNetworkInput, 100);
  const Network net = b.finish();
  const Layer& l = net.layers[static_cast<std::size_t>(fc)];
  EXPECT_EQ(l.kind, LayerKind::Gemm);
  EXPECT_EQ(l.batch, 3);
  EXPECT_EQ(l.in_h, 1);
  EXPECT_EQ(l.in_w, 1);
  EXPECT_EQ(l.in_c, 7 * 7 * 64);
  EXPECT_EQ(l.gemm().m, 3);
  EXPECT_EQ(net.input_shape(0), (TensorShape{3, 7, 7, 64}));  // the tensor it reads, unflattened
  EXPECT_EQ(net.output_shape(0), (TensorShape{3, 1, 1, 100}));
  EXPECT_EQ(net.macs(), 3LL * 3136 * 100);
  EXPECT_EQ(net.weight_bytes(), 3136 * 100);
}

TEST(Network, ValidateAcceptsTheFlattenButNotAnyGemm) {
  Network net = residual_net();
  net.validate();  // fc (in_c = 32) reads gap's 1x1x32
  // A Gemm that is not over a 1x1 image gets no flatten: the shapes must match exactly.
  Network g;
  g.name = "g";
  g.input = TensorShape{1, 4, 4, 8};
  g.layers.push_back(make_gemm_layer("mm", 4, 10, 32));  // in: 1 x 4 x 1 x 32
  g.layers.back().inputs = {kNetworkInput};
  expect_shape_error([&] { g.validate(); }, {"layer 'mm'", "the network input is 4x4x8", "expects 4x1x32"});
}

// Hand counts for a few layers of the residual network (batch 2).
TEST(Network, MacsBytesAndShapesByHand) {
  const Network net = residual_net(2);
  const Layer& stem = net.layers[0];
  // 2 x 16 x 16 output pixels, K = 3 x 3 x 3, N = 16.
  EXPECT_EQ(stem.macs(), 2LL * 16 * 16 * 27 * 16);
  EXPECT_EQ(stem.weight_bytes(), 27 * 16);
  EXPECT_EQ(stem.input_bytes(), 2 * 32 * 32 * 3);
  EXPECT_EQ(stem.output_bytes(), 2 * 16 * 16 * 16);
  const Layer& proj = net.layers[6];
  EXPECT_EQ(proj.macs(), 2LL * 8 * 8 * 16 * 32);
  EXPECT_EQ(proj.weight_bytes(), 16 * 32);
  const Layer& add = net.layers[3];
  EXPECT_EQ(add.macs(), 0);
  EXPECT_EQ(add.weight_bytes(), 0);
  EXPECT_EQ(add.input_bytes(), 2 * 2 * 16 * 16 * 16);  // both operands
  EXPECT_EQ(add.output_bytes(), 2 * 16 * 16 * 16);
  std::int64_t macs = 0, weights = 0;
  for (const Layer& l : net.layers) {
    macs += l.macs();
    weights += l.weight_bytes();
  }
  EXPECT_EQ(net.macs(), macs);
  EXPECT_EQ(net.weight_bytes(), weights);
  // stem 432 + a1, a2 2 x 2304 + b1 4608 + b2 9216 + proj 512 + fc 320.
  EXPECT_EQ(net.weight_bytes(), 432 + 2 * 2304 + 4608 + 9216 + 512 + 320);
}

TEST(Network, LastReaderFollowsTheResidualEdges) {
  const Network net = residual_net();
  const std::vector<std::size_t> last = net.last_reader();
  ASSERT_EQ(last.size(), 10u);
  EXPECT_EQ(last[0], 3u);  // stem: a1 reads it, then the identity shortcut add_a
  EXPECT_EQ(last[1], 2u);
  EXPECT_EQ(last[2], 3u);
  EXPECT_EQ(last[3], 6u);  // add_a: b1 reads it, then the projection after b2
  EXPECT_EQ(last[4], 5u);
  EXPECT_EQ(last[5], 7u);
  EXPECT_EQ(last[6], 7u);
  EXPECT_EQ(last[7], 8u);
  EXPECT_EQ(last[8], 9u);
  EXPECT_EQ(last[9], 10u);  // the network's output: nobody reads it
}

TEST(Network, ValidateNamesAWrongInputShape) {
  Network net = residual_net();
  net.layers[5].in_h = 28;  // b2 now claims a 28x8 input but b1 gives 8x8
  expect_shape_error([&] { net.validate(); },
                     {"layer 'b2': input 'b1' is 8x8x32 but the layer expects 28x8x32"});
  Network batch = residual_net();
  batch.layers[1].batch = 4;
  expect_shape_error([&] { batch.validate(); }, {"layer 'a1'", "1x16x16x16", "4x16x16x16"});
  Network first = residual_net();
  first.input.c = 4;
  expect_shape_error([&] { first.validate(); }, {"layer 'stem': the network input is 32x32x4", "32x32x3"});
}

TEST(Network, ValidateRejectsForwardEdges) {
  Network net = residual_net();
  net.layers[1].inputs = {4};
  expect_shape_error([&] { net.validate(); }, {"layer 'a1'", "input 4 does not name an earlier layer"});
  net.layers[1].inputs = {1};  // itself
  expect_shape_error([&] { net.validate(); }, {"layer 'a1'", "input 1"});
  net.layers[1].inputs = {-7};
  expect_shape_error([&] { net.validate(); }, {"layer 'a1'", "input -7"});
  net.layers[1].inputs = {0, 0};  // a conv takes one
  expect_shape_error([&] { net.validate(); }, {"layer 'a1'", "number of inputs"});
}

TEST(Network, ValidateChecksBothOperandsOfAnAdd) {
  Network net = residual_net();
  net.layers[7].inputs = {6, 4};  // b1 has the right shape: fine
  net.validate();
  net.layers[7].inputs = {6, 2};  // a2 is 16x16x16
  expect_shape_error([&] { net.validate(); },
                     {"layer 'add_b': input 'a2' is 16x16x16 but the layer expects 8x8x32"});
}

TEST(Network, BuilderRejectsAnAddOfMismatchedShapes) {
  NetworkBuilder b("bad", TensorShape{1, 16, 16, 8});
  const int a = b.conv("a", kNetworkInput, 8, 3, 1, 1);
  const int c = b.conv("c", kNetworkInput, 8, 3, 2, 1);
  expect_shape_error([&] { b.add("sum", a, c); },
                     {"layer 'sum'", "'a' (16x16x8)", "'c' (8x8x8)", "equal shapes"});
}

TEST(Network, BuilderRejectsBadLayersWhenAdded) {
  NetworkBuilder b("bad", TensorShape{1, 4, 4, 8});
  expect_shape_error([&] { b.conv("big", kNetworkInput, 8, 7, 1, 0); }, {"layer 'big'", "kernel_h"});
  expect_shape_error([&] { b.conv("g", kNetworkInput, 8, 1, 1, 0, Activation::None, 3); },
                     {"layer 'g'", "groups"});
  expect_shape_error([&] { b.conv("fwd", 0, 8, 1, 1, 0); }, {"layer 'fwd'", "input 0"});
  const int x = b.conv("ok", kNetworkInput, 8, 1, 1, 0);
  EXPECT_EQ(x, 0);
  EXPECT_EQ(b.last(), 0);
  Network net = b.finish();
  EXPECT_EQ(net.layers.size(), 1u);  // the rejected layers were never added
}

// SCALE-Sim topologies: layers that are not a chain, each with empty inputs reading an input of its own
// shape. The first still reads the network input.
TEST(Network, EmptyInputsReadAnIndependentInput) {
  Network net;
  net.name = "topo";
  net.input = TensorShape{1, 56, 56, 64};
  net.layers.push_back(make_conv_layer("c1", 56, 56, 64, 64, 3, 3, 1, 1));
  net.layers.push_back(make_conv_layer("c2", 14, 14, 256, 512, 1, 1, 2, 0));
  net.validate();
  EXPECT_EQ(net.input_shape(1), (TensorShape{1, 14, 14, 256}));
  EXPECT_EQ(net.last_reader(), (std::vector<std::size_t>{2, 2}));
  net.input.h = 28;
  expect_shape_error([&] { net.validate(); }, {"layer 'c1': the network input is 28x56x64"});
}

}  // namespace
}  // namespace systolica
