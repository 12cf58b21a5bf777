// The pipeline: files (with includes) -> --set overrides -> defaults + auto -> cross-field checks -> dump.
#include "sim/config/config_loader.h"

#include "sim/config/checks.h"
#include "sim/config/dump.h"
#include "sim/config/overrides.h"
#include "sim/config/resolve.h"
#include "sim/config/yaml_source.h"

namespace systolica {

ResolvedConfig load_config(const std::string& path, const std::vector<std::string>& overrides) {
  config::Assignments set;
  if (!path.empty()) {
    config::read_config_file(path, set);
  }
  for (const auto& arg : overrides) {
    config::apply_override(arg, set);
  }
  ResolvedConfig resolved;
  resolved.arch = config::resolve_arch(set);
  config::check_arch(resolved.arch, set);

  std::vector<std::string> header{"Systolica resolved architecture config: every key with its final value.",
                                  "Loading this file gives the same architecture.",
                                  "source: " + (path.empty() ? std::string("built-in defaults") : path)};
  for (const auto& arg : overrides) {
    header.push_back("override: --set " + arg);
  }
  std::vector<std::string> derived;
  for (const char* key : {"scratchpad.row_bytes", "accumulator.row_bytes"}) {
    const auto it = set.find(key);
    if (it == set.end() || it->second.value.is_auto) derived.emplace_back(key);
  }
  resolved.yaml = config::dump_yaml(resolved.arch, header, derived);
  return resolved;
}

}  // namespace systolica
