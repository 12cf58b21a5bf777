#pragma once
// How one tile's operands and results move between main memory and the core's SRAMs: the DMA commands,
// the zero rows for padding, and where every element sits in the SRAM. Plain C++.
//
// Scratchpad layout of a tile in its buffer (rows of row_bytes int8):
//   A (activations, m x k): one line per (kernel position, pixel), position-major, so the pixels of one
//     position are consecutive rows and one strided DMA box can fill them; a line holds that position's
//     channels of the tile's reduction range and takes ceil(channels / row_bytes) rows.
//   B (weights, k x n): one line per reduction index, n bytes, right after A.
// Accumulator layout of an output block (rows of int32): ws/os one row per pixel (n entries); is one row
// per output channel (m entries), the transposed block the input-stationary array produces.
#include <cstdint>
#include <vector>

#include "arch/dma/dma_command.h"
#include "arch/sram/sram_geometry.h"
#include "arch/systolic/dataflow.h"
#include "workloads/layer.h"
#include "workloads/tile_transfers.h"
#include "workloads/tiler.h"

namespace systolica {

// Where the elements of one tile live in its scratchpad buffer.
class TileLayout {
 public:
  TileLayout(const Layer& layer, const TileOp& tile, SramRow first_row, int row_bytes);

  SramRow rows() const { return a_rows_ + b_rows_; }  // the tile's footprint in the buffer
  SramRow a_first() const { return first_; }
  SramRow b_first() const { return first_ + a_rows_; }
  // (row, byte) of A[i][j] and B[i][j], tile-relative indices.
  std::pair<SramRow, int> a_at(int i, int j) const;
  std::pair<SramRow, int> b_at(int i, int j) const;
  // A's lines: one per (position segment, pixel); segment s covers tile columns [col0(s), col0(s) + len(s)).
  int segments() const { return static_cast<int>(seg_col0_.size()); }
  int segment_col0(int s) const { return seg_col0_[static_cast<std::size_t>(s)]; }
  int segment_len(int s) const { return seg_len_[static_cast<std::size_t>(s)]; }
  SramRow line_first_row(int segment, int pixel) const;
  int rows_per_a_line() const { return rows_per_a_line_; }

 private:
  const TileOp tile_;
  SramRow first_;
  int row_bytes_;
  int rows_per_a_line_ = 1;  // the longest segment's rows; every line gets that many
  int rows_per_b_line_ = 1;
  SramRow a_rows_ = 0, b_rows_ = 0;
  std::vector<int> seg_col0_, seg_len_;
};

struct TileLoadPlan {
  std::vector<DmaCommand> commands;  // ids left 0: the controller numbers them
  std::vector<SramRow> zero_rows;    // A lines of padding: written with zeros, not loaded
};

// The loads of a tile's A and B blocks into the buffer described by `layout`.
TileLoadPlan plan_tile_loads(const Layer& layer, const LayerAddresses& at, const TileOp& tile,
                             const TileLayout& layout);

// The store of a finished output block from the accumulator rows at `acc_first_row`, through `scale`.
DmaCommand plan_tile_store(const Layer& layer, const LayerAddresses& at, const TileOp& tile, Dataflow dataflow,
                           SramRow acc_first_row, const OutputScale& scale);

// Accumulator rows an output block takes (see the layout above).
SramRow accumulator_rows(const TileOp& tile, Dataflow dataflow);

}  // namespace systolica
