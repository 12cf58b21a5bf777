#pragma once
// The resolved YAML: every key of the schema, nested in schema order, with units, under a header
// comment. Reading it back gives the same ArchSpec, which is why every run saves it beside its results.
#include <string>
#include <vector>

#include "arch/arch_spec.h"

namespace systolica::config {

// `header_lines` become "# ..." comment lines above the keys.
// Keys in `derived` (row_bytes left as "auto") are written as auto, with the value it resolved to in a
// comment, so a saved config still follows array.cols when it is re-run with another array size.
std::string dump_yaml(const ArchSpec& arch, const std::vector<std::string>& header_lines,
                      const std::vector<std::string>& derived = {});

}  // namespace systolica::config
