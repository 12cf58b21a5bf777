#pragma once
// Turns the YAML node found under one key into a checked Value: right shape (scalar or list), right
// type, right unit, inside the row's range. Anything else is a ConfigError at `where`.
#include <yaml-cpp/yaml.h>

#include <string_view>

#include "sim/config/schema.h"

namespace systolica::config {

Value parse_leaf(const KeySpec& spec, const YAML::Node& node, std::string_view where);

}  // namespace systolica::config
