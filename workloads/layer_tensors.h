#pragma once
// One layer's random int8 tensors and a direct convolution over them: an independent check of the
// reference network (sim/reference) on single layers.
#include <cstdint>
#include <vector>

#include "workloads/layer.h"

namespace systolica {

struct LayerTensors {
  std::vector<std::int8_t> input;     // [batch][in_h][in_w][in_c]  (NHWC)
  std::vector<std::int8_t> weights;   // [out_c][kernel_h][kernel_w][in_c / groups]  (KRSC)
  std::vector<std::int32_t> output;   // [batch][out_h][out_w][out_c], int32 accumulations
};

// Deterministic pseudo-random int8 tensors over the full range -128..127; output zeroed.
LayerTensors make_random_tensors(const Layer& layer, std::uint64_t seed);

// A direct convolution, loop by loop, for checking functional runs end to end.
std::vector<std::int32_t> direct_convolution(const Layer& layer, const LayerTensors& t);

}  // namespace systolica
