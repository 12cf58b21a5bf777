#pragma once
// Where a tile's operands live in main memory, as runs of contiguous bytes for the DMA.
//
// Main-memory layouts (what a compiler for this accelerator would lay out):
//   activations  NHWC int8,                   [batch][in_h][in_w][in_c]
//   weights      the GEMM's B matrix per group, [groups][K][N] int8 row-major, K = (ry, rx, c)
//   outputs      NHWC int8,                   [batch][out_h][out_w][out_c]
// A tile's activations are its im2col rows: for each output pixel, the reduction range [k0, k0 + k)
// splits into runs of channels at one kernel position (ry, rx); positions in the zero padding have no
// address and are zero-filled in the scratchpad instead of being read.
#include <cstdint>
#include <functional>

#include "workloads/layer.h"
#include "workloads/tiler.h"

namespace systolica {

struct LayerAddresses {
  std::uint64_t input = 0, weights = 0, output = 0;
  std::uint64_t end = 0;  // one past the last byte the layer uses
};

// Places the layer's three tensors from `base` upward, each aligned to `align` bytes.
LayerAddresses place_layer(const Layer& layer, std::uint64_t base, std::uint64_t align = 4096);

// A run of bytes of one tile operand: `bytes` bytes at `address` (or zeros when `padding`) land at
// element (row, col) of the tile's row-major block and onward along the row.
struct TransferRun {
  std::uint64_t address = 0;
  std::uint32_t bytes = 0;
  int row = 0, col = 0;
  bool padding = false;  // no memory behind it: zero-fill
};

using RunVisitor = std::function<void(const TransferRun&)>;

// The tile's m x k activation block (row = pixel within the tile, col = reduction index within it).
void activation_runs(const Layer& layer, const LayerAddresses& at, const TileOp& tile, const RunVisitor& visit);
// The tile's k x n weight block.
void weight_runs(const Layer& layer, const LayerAddresses& at, const TileOp& tile, const RunVisitor& visit);
// The tile's m x n output block.
void output_runs(const Layer& layer, const LayerAddresses& at, const TileOp& tile, const RunVisitor& visit);

}  // namespace systolica
