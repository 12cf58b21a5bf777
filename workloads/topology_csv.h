#pragma once
// Reads SCALE-Sim's convolution topology CSV (scalesim-project/scale-sim-v2, topologies/conv_nets/*.csv):
//
//   Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, Strides,
//   Conv1, 224, 224, 7, 7, 3, 64, 2,
//
// Every row becomes an unpadded Conv layer (SCALE-Sim has no padding) with that stride on both axes.
// docs/scalesim.md describes the accepted variants (header spellings, trailing commas, CRLF, an optional
// 9th column, "#" comments after the last field, SCALE-Sim's "DP" depthwise-name convention).
// Nothing here includes SystemC.
#include <stdexcept>
#include <string>
#include <vector>

#include "workloads/layer.h"

namespace systolica {

// A topology file that cannot be read or does not follow the format. The message is one line,
// "FILE:LINE: what is wrong; what is allowed" (just "FILE: ..." when no line applies, e.g. a missing file).
class TopologyError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Reads the topology at `path`. Throws TopologyError.
std::vector<Layer> read_scalesim_topology(const std::string& path);

// Parses topology text; `source` names it in error messages (normally the file's path).
std::vector<Layer> parse_scalesim_topology(const std::string& text, const std::string& source);

}  // namespace systolica
