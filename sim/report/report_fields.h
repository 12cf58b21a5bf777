#pragma once
// What summary.json, layers.csv and the terminal table share: the stall categories and byte counters in
// report order with their names, and the names of a layer's inputs and of its class.
#include <cstdint>
#include <string>
#include <vector>

#include "sim/run/run_result.h"

namespace systolica {

// One stall category of StallCycles (compute excluded): its key in summary.json and layers.csv
// ("stall_" + key), its label on the terminal, and its cycles.
struct StallPart {
  const char* key;
  const char* label;  // short, for the table
  const char* words;  // for prose
  double cycles;
  bool whole;  // an integer count (every part but underuse)
};
std::vector<StallPart> stall_parts(const StallCycles& s);

// Every layer's StallCycles added up.
StallCycles total_stalls(const RunResult& r);

// One byte counter: its key in summary.json's "bytes" and layers.csv ("bytes_" + key).
struct ByteCount {
  const char* key;
  std::uint64_t bytes;
};
// dram_read, dram_write, l2_read, l2_write (accesses x line_bytes), dma_load, dma_store, scratchpad_read,
// scratchpad_write, accumulator_read, accumulator_write.
std::vector<ByteCount> byte_counts(const MemoryTraffic& t, int l2_line_bytes);

// The names of the layers (or "input", the network's input) that layer `index` of the run reads.
std::vector<std::string> input_names(const RunResult& r, std::size_t index);

// A class of layer for the summary: "conv", "depthwise conv", "pointwise conv", "grouped conv", "fc",
// "maxpool", "avgpool", "global avgpool", "add", or the vector operator's name.
std::string layer_class(const Layer& l);

}  // namespace systolica
