#pragma once
// Loads an architecture config: YAML files with `include:`, then `--set key.path=value` overrides, then
// one validation pass against the schema. The result is a resolved ArchSpec, the per-layer mapping pins,
// and the fully resolved YAML that every run saves beside its results.
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "arch/arch_spec.h"
#include "workloads/mapping.h"

namespace systolica {

// A config problem. what() is one line that names where (file:line, or the --set argument), the full
// key path, what was found, and what is allowed.
class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ResolvedConfig {
  ArchSpec arch;
  // Per-layer mapping pins by layer name: a file's top-level `mapping:` section and
  // `--set mapping.LAYER.FIELD=VALUE`. Only layers with at least one field pinned; the mapper chooses
  // the unset fields. The config does not know the network: check_pinned_layers() checks the names.
  std::map<std::string, MappingPin> pins;
  // Where each pinned layer was last named, for messages: "file.yaml:LINE" or "--set KEY=VALUE".
  std::map<std::string, std::string> pin_sources;
  std::string yaml;  // every key with its final value, units spelled out, then the pins
};

// `path` may be empty: then only the built-in defaults (the Gemmini-like configs/default.yaml) and the
// overrides apply. Overrides are "key.path=value" strings applied in order after all files.
ResolvedConfig load_config(const std::string& path, const std::vector<std::string>& overrides);

// One row of the key listing that `systolica config --keys` prints.
struct ConfigKeyInfo {
  std::string key;            // full path, "scratchpad.capacity"
  std::string default_value;  // as written in YAML, "256 KiB"
  std::string allowed;        // "1 B..4 GiB", "ws | os | is"
  std::string description;    // one line
};

std::vector<ConfigKeyInfo> describe_config_keys();  // every key, in schema order
// The fields of a mapping pin, keyed "mapping.<layer>.tile_out_c"; not in describe_config_keys(), whose
// keys are fixed. Their default "auto" means the mapper chooses.
std::vector<ConfigKeyInfo> describe_mapping_pin_fields();
// Both lists as one aligned text table with a header row; the pin fields come last, under a note.
std::string format_config_keys();

// Throws ConfigError, at the file:line or --set that pinned it, if a pinned layer is not one of
// `layer_names` (the network's layers), suggesting the nearest name.
void check_pinned_layers(const ResolvedConfig& config, const std::vector<std::string>& layer_names);

// The keys (full paths) whose values differ between two specs, in schema order; empty if identical.
std::vector<std::string> differing_keys(const ArchSpec& a, const ArchSpec& b);

}  // namespace systolica
