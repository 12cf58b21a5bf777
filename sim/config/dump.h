#pragma once
// The resolved YAML: every key of the schema, nested in schema order, with units, under a header
// comment, then the mapping pins if there are any. Reading it back gives the same ArchSpec and the same
// pins, which is why every run saves it beside its results.
#include <map>
#include <string>
#include <vector>

#include "arch/arch_spec.h"
#include "workloads/mapping.h"

namespace systolica::config {

// `header_lines` become "# ..." comment lines above the keys.
// Keys in `derived` (row_bytes left as "auto") are written as auto, with the value it resolved to in a
// comment, so a saved config still follows array.cols when it is re-run with another array size.
// `pins` become a last `mapping:` section, one flow map per layer with only its pinned fields.
std::string dump_yaml(const ArchSpec& arch, const std::vector<std::string>& header_lines,
                      const std::vector<std::string>& derived = {},
                      const std::map<std::string, MappingPin>& pins = {});

}  // namespace systolica::config
