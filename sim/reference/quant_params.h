#pragma once
// The parameters of a quantized int8 network for functional runs, deterministic from a seed: the network's
// input, every array layer's weights, every layer's read-out scale, and the independent inputs of layers
// that read no other layer. The hardware model and the reference (sim/reference/reference_network.h) both
// take their numbers from one NetworkParams, so they compute the same network.
//
// Random tensors. Every tensor is drawn from its own splitmix64 stream, so a tensor does not depend on the
// shapes or the number of the other layers:
//   stream id: the network input 0; layer i's weights 2i + 1; layer i's extra input 2i + 2
//   state = mix(seed ^ mix(id + 1)); then per element: state += 0x9E3779B97F4A7C15, z = mix(state),
//   value = (z >> 56) - 128 (uniform over -128 .. 127)
// where mix is splitmix64's finalizer (random_int8 below).
//
// Read-out scales are calibrated the way post-training quantization calibrates them: make_network_params
// runs the network once (the reference semantics) and, for each array layer and each Add, measures the
// root-mean-square of the int32 values it reads out (the sums; a + b) and picks
//   scale = (127 / 3) / rms
// so that the values before the activation have a standard deviation of about 42: three standard
// deviations reach the int8 limit (about 0.3% saturate) and few round to zero. Because each layer is
// measured on its real inputs, nothing compounds with depth (a fixed formula's small per-layer bias does,
// geometrically, over fifty layers), padding that leaves few in-bounds taps (a 3x3 conv on a 1x1 map) is
// accounted for, and no network needs constants of its own. Layers that read the output of a Vector layer
// (no functional model) cannot be measured and get the typical scale, choose_scale(layer).
#include <cstdint>
#include <vector>

#include "arch/sram/output_scale.h"
#include "workloads/network.h"

namespace systolica {

struct LayerParams {
  // Array layers: KRSC, [out_c][kernel_h][kernel_w][in_c / groups]; empty for every other kind.
  std::vector<std::int8_t> weights;
  // Array layers and Add: the read-out (multiplier, shift, activation = the layer's activation, six = 96).
  // Pooling and Vector layers do not read out; theirs is the default (x 1, no activation), unused.
  OutputScale scale;
};

struct NetworkParams {
  std::vector<std::int8_t> input;   // the network input, NHWC, Network::input.elements() values
  std::vector<LayerParams> layers;  // one per layer
  // By layer index: the input of a layer other than the first whose `inputs` is empty (an independent
  // layer, as a SCALE-Sim topology lists them), layer.input_bytes() values: NHWC of the layer's input shape;
  // for an Add, operand a followed by operand b. Empty for every other layer.
  std::vector<std::vector<std::int8_t>> extra_inputs;
};

// The target standard deviation of a layer's values before activation and saturation: 127 / 3.
inline constexpr double kTargetReadOutRms = 127.0 / 3;
// The root-mean-square of uniform int8 weights over -128 .. 127: sqrt((256^2 - 1) / 12 + 0.25).
inline constexpr double kWeightRms = 73.9;
// The typical root-mean-square of an int8 activation read out at kTargetReadOutRms (about 42 before a ReLU,
// 30 after one); only for choose_scale(layer).
inline constexpr double kTypicalActivationRms = 40;

// Seeded weights and inputs (above), and scales calibrated on the network itself. Throws
// std::invalid_argument if a layer's input does not have the size its producer gives it (Network::validate
// catches those first).
NetworkParams make_network_params(const Network& net, std::uint64_t seed);

// The scale for a layer whose read-out values (array layers: the int32 sums; Add: a + b) have
// root-mean-square `readout_rms`: from_real(kTargetReadOutRms / readout_rms, layer.activation), six = 96.
// A zero rms (nothing to measure) gives choose_scale(layer). Pooling and Vector layers: the default scale.
OutputScale choose_scale(const Layer& layer, double readout_rms);

// The scale for typical inputs, without measuring: the read-out rms predicted for inputs of rms
// kTypicalActivationRms, i.e. kTypicalActivationRms x kWeightRms x sqrt(K) for an array layer (K =
// kernel_h x kernel_w x in_c / groups, every tap in bounds) and kTypicalActivationRms x sqrt(2) for an Add
// (independent operands): 127 / (3 x 2956 x sqrt(K)) and about 0.75.
OutputScale choose_scale(const Layer& layer);

// `count` values of the splitmix64 stream `stream` of `seed` (above).
std::vector<std::int8_t> random_int8(std::uint64_t seed, std::uint64_t stream, std::size_t count);

}  // namespace systolica
