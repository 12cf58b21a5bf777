#include "sim/config/dump.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <string_view>

#include "sim/config/mapping_pins.h"
#include "sim/config/schema.h"

namespace systolica::config {

namespace {
std::vector<std::string_view> split_key(std::string_view key) {
  std::vector<std::string_view> parts;
  for (auto dot = key.find('.'); dot != std::string_view::npos; dot = key.find('.')) {
    parts.push_back(key.substr(0, dot));
    key.remove_prefix(dot + 1);
  }
  parts.push_back(key);
  return parts;
}
}  // namespace

std::string dump_yaml(const ArchSpec& arch, const std::vector<std::string>& header_lines,
                      const std::vector<std::string>& derived,
                      const std::map<std::string, MappingPin>& pins) {
  std::string out;
  for (std::string line : header_lines) {
    for (char& c : line) {
      if (c == '\n' || c == '\r') {
        c = ' ';
      }
    }
    out += "# " + line + "\n";
  }
  YAML::Emitter em;
  em << YAML::BeginMap;
  std::vector<std::string_view> open;  // the sections currently open, outermost first
  for (const auto& spec : schema()) {
    auto parts = split_key(spec.key);
    const std::string_view leaf = parts.back();
    parts.pop_back();
    std::size_t common = 0;
    while (common < open.size() && common < parts.size() && open[common] == parts[common]) {
      ++common;
    }
    for (; open.size() > common; open.pop_back()) {
      em << YAML::EndMap;
    }
    for (std::size_t i = common; i < parts.size(); ++i) {
      em << YAML::Key << std::string(parts[i]) << YAML::Value << YAML::BeginMap;
      open.push_back(parts[i]);
    }
    const Value v = spec.bind.load(arch);
    em << YAML::Key << std::string(leaf) << YAML::Value;
    if (std::find(derived.begin(), derived.end(), spec.key) != derived.end()) {
      em << "auto" << YAML::Comment("= " + format_value(spec, v));
    } else if (spec.kind == Kind::EnumList) {
      em << YAML::Flow << YAML::BeginSeq;
      for (const auto& item : v.list) {
        em << item;
      }
      em << YAML::EndSeq;
    } else {
      em << format_value(spec, v);
    }
  }
  for (; !open.empty(); open.pop_back()) {
    em << YAML::EndMap;
  }
  emit_pins(em, pins);
  em << YAML::EndMap;
  out += em.c_str();
  out += "\n";
  return out;
}

}  // namespace systolica::config
