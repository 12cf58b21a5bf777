#pragma once
// A layer's real int8 tensors for functional runs, and the lowering between them and GEMM tiles:
// im2col for the activations (with zero padding), KRSC-to-KxN for the weights.
#include <cstdint>
#include <vector>

#include "workloads/layer.h"
#include "workloads/tiler.h"

namespace systolica {

struct LayerTensors {
  std::vector<std::int8_t> input;     // [batch][in_h][in_w][in_c]  (NHWC)
  std::vector<std::int8_t> weights;   // [out_c][kernel_h][kernel_w][in_c / groups]  (KRSC)
  std::vector<std::int32_t> output;   // [batch][out_h][out_w][out_c], int32 accumulations
};

// Deterministic pseudo-random int8 tensors over the full range -128..127; output zeroed.
LayerTensors make_random_tensors(const Layer& layer, std::uint64_t seed);

// The weights as main memory holds them (workloads/tile_transfers.h): each group's GEMM B matrix,
// [groups][K][N] row-major.
std::vector<std::int8_t> weights_as_gemm_matrices(const Layer& layer, const LayerTensors& t);

// The tile's activations as m x k (row-major) and weights as k x n (row-major).
void gather_activations(const Layer& layer, const LayerTensors& t, const TileOp& tile, std::int8_t* a);
void gather_weights(const Layer& layer, const LayerTensors& t, const TileOp& tile, std::int8_t* b);

// Adds an m x n tile result into the (zero-initialised) output tensor, with int32 wraparound as the
// accumulator does. Addition makes the result independent of the order tiles complete in.
void accumulate_output(const Layer& layer, const TileOp& tile, const std::int32_t* out, LayerTensors& t);

// A direct convolution, loop by loop, for checking functional runs end to end.
std::vector<std::int32_t> direct_convolution(const Layer& layer, const LayerTensors& t);

}  // namespace systolica
