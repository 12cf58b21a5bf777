#pragma once
// Where one block's operands live in the core's SRAMs, and the DMA commands that move them. Plain C++.
//
// Scratchpad (rows of row_bytes int8):
//   input patch  one line per in-bounds input pixel of the patch, row-major over the patch (y, x), holding
//   the
//                block's input channels; a line takes ceil(ct / row_bytes) rows. Padding has no line: the
//                array's address generator feeds zeros for it.
//   weights      Dense: one line per (kernel position, input channel), holding the block's output channels.
//                Depthwise: one line per kernel position, holding the block's channels.
//   output       Vector layers: one line per output pixel, holding the block's channels.
// Accumulator (rows of int32): one line per output pixel, holding the block's output channels, pixel-major,
// so a pixel's channels leave in one contiguous store.
// Main memory: activations NHWC; Dense weights [groups][K][N] with K = (ky, kx, c); depthwise weights
// [K][C] (position-major, so a block's channels at one position are contiguous).
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "arch/dma/dma_command.h"
#include "arch/sram/sram_geometry.h"
#include "workloads/blocks.h"
#include "workloads/layer.h"
#include "workloads/mapping.h"
#include "workloads/network.h"

namespace systolica {

// Where a layer's tensors are in main memory.
struct TensorAddresses {
  std::vector<std::uint64_t> inputs;      // one per input tensor (Add: two)
  std::vector<TensorShape> input_shapes;  // their shapes (a vector layer's may differ from the layer's)
  std::uint64_t weights = 0;
  std::uint64_t output = 0;
};

// The SRAM rows a block's buffers start at.
struct BlockPlacement {
  Block block;
  std::vector<SramRow> input_first;  // scratchpad, one per input tensor
  SramRow weight_first = 0;          // scratchpad
  SramRow output_first = 0;          // scratchpad (vector layers)
  SramRow accumulator_first = 0;     // accumulator (array layers)
};

class BlockLayout {
 public:
  BlockLayout(const Layer& layer, const LayerMapping& mapping, const BlockPlacement& placement,
              int spad_row_bytes, int acc_row_entries);

  // The block's reduction index kk = position x ct + channel (position = ky x kernel_w + kx).
  int reduction() const { return positions_ * block_.ct; }
  // Input element for output pixel i of the block (row-major over oh x ow) and reduction index kk: its
  // (row, byte), or nullopt when the window reads padding.
  std::optional<std::pair<SramRow, int>> input_at(int i, int kk, int which = 0) const;
  // Dense: weight for reduction index kk and output channel j of the block.
  std::pair<SramRow, int> weight_at(int kk, int j) const;
  // Depthwise: weight of channel c of the block at kernel position p.
  std::pair<SramRow, int> depthwise_weight_at(int p, int c) const;
  // Accumulator (row, entry) of output pixel i, output channel j of the block.
  std::pair<SramRow, int> accumulator_at(int i, int j) const;
  // Vector layers: output line of pixel i, channel c.
  std::pair<SramRow, int> output_at(int i, int c) const;
  // Input line of a patch pixel (y, x), absolute input coordinates inside the patch; channel c.
  std::pair<SramRow, int> patch_at(int y, int x, int c, int which = 0) const;

  const InputPatch& patch() const { return patch_; }
  const Block& block() const { return block_; }
  int rows_per_input_line() const { return input_line_rows_; }

  // The DMA commands (ids 0; the controller numbers them).
  DmaCommand input_load(int which, std::uint64_t tensor_address, const TensorShape& tensor) const;
  DmaCommand weight_load(std::uint64_t weights_address) const;
  DmaCommand store(std::uint64_t output_address, const OutputScale& scale) const;

 private:
  const Layer& layer_;
  Block block_;
  BlockPlacement place_;
  InputPatch patch_;
  BlockStyle style_;
  int row_bytes_, acc_entries_;
  int positions_;
  int input_line_rows_, weight_line_rows_, acc_line_rows_, output_line_rows_;
};

}  // namespace systolica
