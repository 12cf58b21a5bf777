#pragma once
// What the user set, key by key, after files and overrides: the latest value of each key and where it
// came from. Files deep-merge by construction: a later assignment of a key replaces an earlier one, and
// keys nobody set keep their defaults.
#include <map>
#include <string>

#include "sim/config/schema.h"

namespace systolica::config {

struct Assignment {
  Value value;
  std::string where;  // "file.yaml:LINE" or "--set KEY=VALUE", for messages about this key
};

using Assignments = std::map<std::string, Assignment, std::less<>>;  // full key path -> latest value

}  // namespace systolica::config
