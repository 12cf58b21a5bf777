#pragma once
// How a layer is shared among cores. Each core computes a region of the layer's output: a range of images,
// of output rows and of output channels; the region's blocks address the whole tensors in main memory, so
// a split needs no copies and its halo (the input rows two neighbouring row ranges both read) is simply
// read twice. Plain C++, no SystemC. docs/multicore.md explains the strategies.
#include <string>
#include <string_view>
#include <vector>

#include "workloads/layer.h"

namespace systolica {

enum class PartitionStrategy {
  Channels,  // each core a range of output channels (of every image and pixel)
  Rows,      // each core a range of output rows, reading the input rows its windows need
  Batch,     // each core a range of images
  Pipeline,  // consecutive layers on different cores (network-wide only), images flowing through
  Auto,      // per layer, whichever of channels, rows and batch the mapper expects to finish first
};
const char* to_string(PartitionStrategy s);  // "channels", "rows", "batch", "pipeline", "auto"
// Parses one of those names into `out`; false for any other text.
bool parse_partition_strategy(std::string_view text, PartitionStrategy& out);

// The part of a layer's output one core computes. Channels are output channels within a group for dense
// layers with one group; the channels themselves for depthwise and vector layers.
struct LayerRegion {
  int image0 = 0, images = 1;
  int row0 = 0, rows = 1;
  int channel0 = 0, channels = 1;
  bool operator==(const LayerRegion& o) const {
    return image0 == o.image0 && images == o.images && row0 == o.row0 && rows == o.rows &&
           channel0 == o.channel0 && channels == o.channels;
  }
};

// The whole layer as one region.
LayerRegion whole_layer(const Layer& layer);

// The channels a region may split: output channels of a dense layer with one group, the channels of a
// depthwise, pooling or add layer; 0 when channels cannot be split (grouped dense layers, whose groups run
// one by one, and vector operators that need every channel of a pixel at once).
int splittable_channels(const Layer& layer);

// A layer split for `cores` cores by `strategy` (Channels, Rows or Batch): at most `cores` regions,
// covering the layer's output exactly once, as even as the granularity allows. Channels are split in
// multiples of `channel_unit` (the array's width, so no core gets a sliver of a tile). A dimension too small
// to give every core a share gives fewer regions (the other cores idle for that layer); one that cannot be
// split at all (a single row, a single image) falls back, in the order batch -> channels -> rows ->
// channels, and `used` says which split was made.
std::vector<LayerRegion> split_layer(const Layer& layer, PartitionStrategy strategy, int cores, int channel_unit,
                                     PartitionStrategy& used);

// Consecutive layers grouped into at most `cores` stages of about equal work (work[i]: layer i's, e.g. the
// mapper's cycle estimate), each stage at least one layer: the result's [i] is layer i's stage (its core).
std::vector<int> pipeline_stages(const std::vector<double>& work, int cores);

}  // namespace systolica
