#pragma once
// The blocks of a mapped layer (workloads/mapping.h) in the order they run, and the input rectangle
// each one reads. Plain C++, no SystemC.
#include <functional>

#include "workloads/layer.h"
#include "workloads/mapping.h"

namespace systolica {

struct Block {
  int image = 0;
  int group = 0;              // Dense layers with groups > 1: the group; 0 otherwise
  int oy0 = 0, oh = 1;        // output rows
  int ox0 = 0, ow = 1;        // output columns
  int c0 = 0, ct = 1;         // input channels, within the group (Depthwise and Vector: the channels)
  int n0 = 0, nt = 1;         // output channels, within the group (Depthwise and Vector: = c0, ct)
  bool first_c = true;        // the first input-channel block of its output block: overwrite the sums
  bool last_c = true;         // the last one: the outputs are final, store them
  bool same_input = false;    // reads the same input patch as the block before it (nothing to load)
  bool same_weights = false;  // reads the same weights as the block before it
  int pixels() const { return oh * ow; }
};

// The in-bounds input rectangle a block's windows touch (padding is outside it and reads as zero).
struct InputPatch {
  int y0 = 0, h = 0, x0 = 0, w = 0;
  std::int64_t pixels() const { return static_cast<std::int64_t>(h) * w; }
};
InputPatch input_patch(const Layer& layer, const Block& block);

// Calls `visit` for every block of the layer, in execution order.
void for_each_block(const Layer& layer, const LayerMapping& mapping,
                    const std::function<void(const Block&)>& visit);

// Blocks of the layer (counts every call to visit).
std::int64_t count_blocks(const Layer& layer, const LayerMapping& mapping);

}  // namespace systolica
