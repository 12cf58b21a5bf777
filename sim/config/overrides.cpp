#include "sim/config/overrides.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <cctype>
#include <string_view>

#include "sim/config/config_error.h"
#include "sim/config/leaf_parser.h"
#include "sim/config/suggest.h"

namespace systolica::config {

namespace {
std::string trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) {
    s.remove_prefix(1);
  }
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) {
    s.remove_suffix(1);
  }
  return std::string(s);
}
}  // namespace

void apply_override(const std::string& arg, Assignments& out, PinAssignments& pins) {
  const std::string where = "--set " + arg;
  const auto eq = arg.find('=');
  if (eq == std::string::npos) {
    fail(where, trim(arg), "expected KEY=VALUE, e.g. --set array.rows=32");
  }
  const std::string key = trim(std::string_view(arg).substr(0, eq));
  const std::string text = trim(std::string_view(arg).substr(eq + 1));
  if (key.empty()) {
    fail(where, "", "the key before '=' is empty; expected KEY=VALUE, e.g. --set array.rows=32");
  }
  if (is_pin_key(key)) {
    apply_pin_override(key, text, where, pins);
    return;
  }
  const KeySpec* spec = find_key(key);
  if (spec == nullptr) {
    if (key == "include") {
      fail(where, key, "include is only allowed in files; pass the file with --config");
    }
    if (is_section(key)) {
      fail(where, key,
           fmt::format("is a section; set one of its keys ({}) as {}.KEY=VALUE", children_of(key), key));
    }
    fail(where, key, unknown_key_detail(key));
  }
  YAML::Node value;
  try {
    value = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    fail(where, key,
         fmt::format("'{}' is not a valid YAML value ({}); expected {}", text, e.msg, expected_text(*spec)));
  }
  out[std::string(spec->key)] = Assignment{parse_leaf(*spec, value, where), where};
}

}  // namespace systolica::config
