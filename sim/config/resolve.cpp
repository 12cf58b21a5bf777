#include "sim/config/resolve.h"

#include <yaml-cpp/yaml.h>

#include "sim/config/leaf_parser.h"

namespace systolica::config {

const Assignments& default_assignments() {
  static const Assignments defaults = [] {
    Assignments a;
    for (const auto& spec : schema()) {
      const std::string where = "built-in default of " + std::string(spec.key);
      a[std::string(spec.key)] =
          Assignment{parse_leaf(spec, YAML::Load(std::string(spec.default_text)), where), where};
    }
    return a;
  }();
  return defaults;
}

ArchSpec resolve_arch(const Assignments& set) {
  ArchSpec arch;
  for (const auto& spec : schema()) {
    const auto it = set.find(spec.key);
    const Value& v =
        it != set.end() ? it->second.value : default_assignments().at(std::string(spec.key)).value;
    spec.bind.store(arch, v);
  }
  // row_bytes "auto" landed as 0: one int8 element per array column, one int32 per column.
  if (arch.scratchpad.row_bytes == 0) {
    arch.scratchpad.row_bytes = arch.array.cols;
  }
  if (arch.accumulator.row_bytes == 0) {
    arch.accumulator.row_bytes = 4 * arch.array.cols;
  }
  return arch;
}

}  // namespace systolica::config
