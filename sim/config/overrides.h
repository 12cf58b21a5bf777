#pragma once
// `--set key.path=value` overrides, applied in order after all files. The value is read as a YAML
// scalar or flow list ("32", "256 KiB", "[ws, os, is]"); the key must be a leaf of the schema, or a field
// of a mapping pin (mapping.LAYER.FIELD), which goes to `pins`.
#include <string>

#include "sim/config/assignments.h"
#include "sim/config/mapping_pins.h"

namespace systolica::config {

void apply_override(const std::string& arg, Assignments& out, PinAssignments& pins);

}  // namespace systolica::config
