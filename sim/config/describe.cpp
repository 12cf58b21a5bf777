// The key listing (`systolica config --keys`) and key-by-key comparison, both straight from the schema.
#include <fmt/format.h>

#include <algorithm>

#include "sim/config/config_loader.h"
#include "sim/config/mapping_pins.h"
#include "sim/config/schema.h"

namespace systolica {

std::vector<ConfigKeyInfo> describe_config_keys() {
  std::vector<ConfigKeyInfo> keys;
  for (const auto& spec : config::schema()) {
    keys.push_back({std::string(spec.key), std::string(spec.default_text), config::allowed_text(spec),
                    std::string(spec.description)});
  }
  return keys;
}

std::vector<ConfigKeyInfo> describe_mapping_pin_fields() {
  std::vector<ConfigKeyInfo> fields;
  for (const auto& spec : config::pin_fields()) {
    fields.push_back({fmt::format("{}.<layer>.{}", config::kMappingSection, spec.key),
                      std::string(spec.default_text), config::allowed_text(spec),
                      std::string(spec.description)});
  }
  return fields;
}

std::string format_config_keys() {
  const auto keys = describe_config_keys();
  const auto pin_keys = describe_mapping_pin_fields();
  ConfigKeyInfo head{"KEY", "DEFAULT", "ALLOWED", "DESCRIPTION"};
  std::size_t wk = head.key.size(), wd = head.default_value.size(), wa = head.allowed.size();
  for (const auto* list : {&keys, &pin_keys}) {
    for (const auto& k : *list) {
      wk = std::max(wk, k.key.size());
      wd = std::max(wd, k.default_value.size());
      wa = std::max(wa, k.allowed.size());
    }
  }
  std::string out;
  auto row = [&](const ConfigKeyInfo& k) {
    out += fmt::format("{:<{}}  {:<{}}  {:<{}}  {}\n", k.key, wk, k.default_value, wd, k.allowed, wa,
                       k.description);
  };
  row(head);
  for (const auto& k : keys) {
    row(k);
  }
  out +=
      "\nPer-layer mapping pins (docs/configs.md): <layer> is a layer name of the network; a field left\n"
      "unset or auto is chosen by the mapper (partition: unset follows partition.strategy). In a file:\n"
      "mapping: {conv_3: {dataflow: os, tile_out_c: 32, partition: rows}}\n";
  for (const auto& k : pin_keys) {
    row(k);
  }
  return out;
}

std::vector<std::string> differing_keys(const ArchSpec& a, const ArchSpec& b) {
  std::vector<std::string> keys;
  for (const auto& spec : config::schema()) {
    const config::Value va = spec.bind.load(a), vb = spec.bind.load(b);
    if (va.n != vb.n || va.x != vb.x || va.text != vb.text || va.list != vb.list) {
      keys.emplace_back(spec.key);
    }
  }
  return keys;
}

}  // namespace systolica
