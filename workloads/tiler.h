#pragma once
// Splits a layer's GEMMs into tiles that fit the systolic array, in the order the array runs them.
// This is the first, fixed tiling: issue-level mappers (loop order, scratchpad-aware blocking) replace
// it later without changing what a tile is.
#include <cstdint>
#include <functional>

#include "arch/systolic/dataflow.h"
#include "workloads/layer.h"

namespace systolica {

struct TilingPlan {
  int rows = 16, cols = 16;   // the array
  Dataflow dataflow = Dataflow::WeightStationary;
  std::int64_t stream_block = 1;  // WS: pixels per block; IS: channels per block (accumulator rows used)
};

// One tile of one group's GEMM: out[m0 .. m0+m)[n0 .. n0+n) (+)= A[m0..][k0 .. k0+k) x B[k0..][n0..].
struct TileOp {
  int group = 0;
  std::int64_t m0 = 0, k0 = 0, n0 = 0;
  int m = 1, k = 1, n = 1;
  bool first_k = true;  // the first reduction block: the accumulator is overwritten, not added to
  bool last_k = true;   // the last reduction block: the outputs are final
};

// WS and IS keep a stream block of outputs in the accumulator, double-buffered so the next block can
// fill while the previous one is read out: stream_block = accumulator rows / 2.
TilingPlan plan_tiling(int rows, int cols, Dataflow dataflow, std::uint64_t accumulator_bytes);

// The reduction blocks of a layer for an array of `rows` rows, as (k0, k): blocks of channels at one kernel
// position, never across positions. A pixel's block is then one run of contiguous channels in NHWC
// memory, one scratchpad row, as in Gemmini's convolution loops; a layer with fewer channels than rows
// (an RGB stem) leaves rows idle instead of mixing kernel positions.
void for_each_reduction_block(const Layer& layer, int rows, const std::function<void(std::int64_t k0, int k)>& visit);

// Calls `visit` for every tile of `layer`, in execution order.
void for_each_tile(const Layer& layer, const TilingPlan& plan, const std::function<void(const TileOp&)>& visit);

}  // namespace systolica
