// The pipeline: files (with includes) -> --set overrides -> defaults + auto -> cross-field checks -> dump.
#include "sim/config/config_loader.h"

#include <fmt/format.h>

#include <algorithm>

#include "sim/config/checks.h"
#include "sim/config/config_error.h"
#include "sim/config/dump.h"
#include "sim/config/mapping_pins.h"
#include "sim/config/overrides.h"
#include "sim/config/resolve.h"
#include "sim/config/suggest.h"
#include "sim/config/yaml_source.h"
#include "sim/energy/energy_parameters.h"

namespace systolica {

ResolvedConfig load_config(const std::string& path, const std::vector<std::string>& overrides) {
  config::Assignments set;
  config::PinAssignments pins;
  if (!path.empty()) {
    config::read_config_file(path, set, pins);
  }
  for (const auto& arg : overrides) {
    config::apply_override(arg, set, pins);
  }
  ResolvedConfig resolved;
  resolved.arch = config::resolve_arch(set);
  config::check_arch(resolved.arch, set);
  config::check_pins(resolved.arch, pins);
  energy::resolve_energy_parameters(resolved.arch);  // a bad energy table stops the run before it starts
  resolved.pins = config::resolve_pins(pins);
  resolved.pin_sources = config::pin_sources(pins);

  std::vector<std::string> header{"Systolica resolved architecture config: every key with its final value.",
                                  resolved.pins.empty()
                                      ? "Loading this file gives the same architecture."
                                      : "Loading this file gives the same architecture and mapping pins.",
                                  "source: " + (path.empty() ? std::string("built-in defaults") : path)};
  for (const auto& arg : overrides) {
    header.push_back("override: --set " + arg);
  }
  std::vector<std::string> derived;
  for (const char* key : {"scratchpad.row_bytes", "accumulator.row_bytes"}) {
    const auto it = set.find(key);
    if (it == set.end() || it->second.value.is_auto) derived.emplace_back(key);
  }
  resolved.yaml = config::dump_yaml(resolved.arch, header, derived, resolved.pins);
  return resolved;
}

void check_pinned_layers(const ResolvedConfig& config, const std::vector<std::string>& layer_names) {
  for (const auto& [layer, pin] : config.pins) {
    if (std::find(layer_names.begin(), layer_names.end(), layer) != layer_names.end()) {
      continue;
    }
    const std::vector<std::string_view> names(layer_names.begin(), layer_names.end());
    const std::string near = config::nearest_word(layer, names);
    std::string detail = "no layer of that name in the network; ";
    if (!near.empty()) {
      detail += fmt::format("did you mean {}?", near);
    } else if (names.empty()) {
      detail += "it has no layers";
    } else {
      constexpr std::size_t kShown = 8;
      const std::vector<std::string_view> first(names.begin(),
                                                names.begin() + std::min(kShown, names.size()));
      detail += fmt::format("its {} layers are {}{}", names.size(), fmt::join(first, ", "),
                            names.size() > kShown ? ", ..." : "");
    }
    const auto where = config.pin_sources.find(layer);
    config::fail(where == config.pin_sources.end() ? "" : where->second,
                 fmt::format("{}.{}", config::kMappingSection, layer), detail);
  }
}

}  // namespace systolica
