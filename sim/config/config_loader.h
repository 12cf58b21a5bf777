#pragma once
// Loads an architecture config: YAML files with `include:`, then `--set key.path=value` overrides, then
// one validation pass against the schema. The result is a resolved ArchSpec plus the fully resolved YAML
// that every run saves beside its results.
#include <stdexcept>
#include <string>
#include <vector>

#include "arch/arch_spec.h"

namespace systolica {

// A config problem. what() is one line that names where (file:line, or the --set argument), the full
// key path, what was found, and what is allowed.
class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ResolvedConfig {
  ArchSpec arch;
  std::string yaml;  // every key with its final value, units spelled out
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
std::string format_config_keys();                   // the same as an aligned text table with a header row

// The keys (full paths) whose values differ between two specs, in schema order; empty if identical.
std::vector<std::string> differing_keys(const ArchSpec& a, const ArchSpec& b);

}  // namespace systolica
