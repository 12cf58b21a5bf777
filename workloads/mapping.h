#pragma once
// The mapper: how one layer runs on one core. It cuts the layer into blocks that fit the scratchpad and
// the accumulator with double-buffering, picks the order the blocks run in, and says where every operand
// lives. docs/mapper.md explains the search. Plain C++, no SystemC.
//
// A block of an array layer is an output region (one image, tile_rows x tile_cols output pixels) times a
// range of output channels, reduced over a range of input channels and every kernel position:
//   - its input patch (the in-bounds input pixels the region's windows touch, tile_in_c channels each) and
//     its weights (every kernel position x tile_in_c x tile_out_c) sit in the scratchpad;
//   - its partial sums (pixels x tile_out_c int32) sit in the accumulator until the last input-channel block
//     has been added, then they are read out through the layer's scale and activation and stored.
// Blocks reuse what is already loaded: with loop order `pixels` the output-channel blocks of a region run
// back to back and share its input patch (when one channel block covers every input channel); with
// `channels` the regions of an output-channel block run back to back and share its weights.
//
// Depthwise convolutions (one input channel per group) pack 16 channels into one array pass with a
// diagonal weight block: every PE row still streams, but only the diagonal does useful work, so the
// array runs at 1/cols of its peak at best, and the report shows that as underuse.
// Other grouped convolutions run group by group. Vector layers (pooling, add, ...) get blocks of output
// rows x channels for the vector unit.
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

#include "arch/systolic/dataflow.h"
#include "workloads/layer.h"
#include "workloads/partition.h"

namespace systolica {

// A mapping that cannot run (a pinned tile that does not fit, a layer that fits no tile at all). The message
// names the layer, what does not fit, the sizes involved and what to change. The CLI exits with status 2.
class MappingError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class LoopOrder { Pixels, Channels };  // which operand stays: the input patch, or the weights
const char* to_string(LoopOrder order);     // "pixels", "channels"

// The core as the mapper sees it.
struct CoreGeometry {
  int rows = 16, cols = 16;          // the array
  std::int64_t scratchpad_rows = 0;  // int8 rows of scratchpad_row_bytes
  int scratchpad_row_bytes = 16;
  int scratchpad_banks = 1;           // each a contiguous range of rows
  std::int64_t accumulator_rows = 0;  // int32 rows of accumulator_row_entries
  int accumulator_row_entries = 16;
  int dma_bytes_per_cycle = 16;  // the load engine's data bus, for the search's load-time estimate
  int vector_lanes = 16;         // the vector unit's int8 lanes
  int memory_line_bytes = 64;  // what the L2 (or DRAM) moves per miss: a pixel's partial channels cost a line
};

// What a user may pin per layer (configs: mapping.<layer>.*); anything unset the mapper chooses.
struct MappingPin {
  std::optional<Dataflow> dataflow;
  std::optional<int> tile_rows, tile_cols, tile_in_c, tile_out_c;
  std::optional<LoopOrder> loop_order;
  std::optional<PartitionStrategy> partition;  // multi-core: how this layer is shared (not Pipeline)
};

enum class BlockStyle {
  Dense,      // groups = 1, or one group at a time
  Depthwise,  // one input and one output channel per group, packed diagonally
  Vector,     // the vector unit
};

struct LayerMapping {
  Dataflow dataflow = Dataflow::WeightStationary;
  BlockStyle style = BlockStyle::Dense;
  int tile_rows = 1, tile_cols = 1;  // output pixels of a block
  int tile_in_c = 1;                 // input channels of a block (of one group)
  int tile_out_c = 1;  // output channels of a block (of one group; = tile_in_c for depthwise/vector)
  LoopOrder loop_order = LoopOrder::Pixels;
  bool double_buffered = true;  // two buffers of each operand; false when one block needs more than half
  // Scratchpad rows one buffer of each operand takes, and accumulator rows of one output block.
  std::int64_t input_rows = 0, weight_rows = 0, output_rows = 0, accumulator_rows = 0;
  double estimated_cycles = 0;  // the search's estimate, for the report and for tests
  double estimated_load_bytes = 0;  // what its loads fetch from memory, in whole lines (the same estimate)
  // Multi-core: the part of the layer's output this mapping computes; none means the whole layer.
  std::optional<LayerRegion> region;
};

// Chooses (or checks the pinned parts of) a mapping for `layer` on `core`, with `dataflow` unless pinned,
// for the part `region` of the layer (the whole layer when not given): its blocks cover the region only.
// Pinned tiles larger than the region are cut to it. Throws MappingError when nothing fits.
LayerMapping map_layer(const Layer& layer, const CoreGeometry& core, Dataflow dataflow,
                       const MappingPin& pin = {}, const std::optional<LayerRegion>& region = std::nullopt);

// Footprints of a candidate: the rows each buffer needs (0 for unused operands). Exposed for tests.
struct BlockFootprint {
  std::int64_t input_rows = 0, weight_rows = 0, output_rows = 0, accumulator_rows = 0;
  int input_buffers = 1;  // Add reads two tensors
  std::int64_t scratchpad_rows(bool double_buffered) const {
    return (double_buffered ? 2 : 1) * (input_rows * input_buffers + weight_rows + output_rows);
  }
};
BlockFootprint block_footprint(const Layer& layer, const CoreGeometry& core, const LayerMapping& m);

}  // namespace systolica
