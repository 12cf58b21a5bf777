#pragma once
// Reads one config file and, first, the files it includes, into Assignments. `include:` takes a path or
// a list of paths relative to the including file; included files apply in order, then the file's own
// keys. Cycles, missing files and chains deeper than kMaxIncludeDepth are errors naming file and line.
// The top-level `mapping:` section (per-layer mapping pins) goes to `pins` (mapping_pins.h).
#include <string>

#include "sim/config/assignments.h"
#include "sim/config/mapping_pins.h"

namespace systolica::config {

constexpr int kMaxIncludeDepth = 8;

void read_config_file(const std::string& path, Assignments& out, PinAssignments& pins);

}  // namespace systolica::config
