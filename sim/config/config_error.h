#pragma once
// One place that spells config error messages, so every message has the same shape:
//   <where>: <key.path>: <what was found>; <what is allowed>
// where is "file.yaml:LINE" (1-based) or "--set KEY=VALUE"; either part may be empty.
#include <yaml-cpp/yaml.h>

#include <string>
#include <string_view>

#include "sim/config/config_loader.h"

namespace systolica::config {

// "file.yaml:LINE" from a yaml-cpp mark (which counts lines from 0).
std::string where_in(const std::string& file, const YAML::Mark& mark);

[[noreturn]] void fail(std::string_view where, std::string_view key, std::string_view detail);

}  // namespace systolica::config
