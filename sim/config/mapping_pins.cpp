#include "sim/config/mapping_pins.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "sim/config/config_error.h"
#include "sim/config/leaf_parser.h"
#include "sim/config/suggest.h"

namespace systolica::config {

namespace {

// Far beyond any layer, and still an int.
constexpr double kMaxTile = 1 << 20;

std::vector<KeySpec> make_pin_fields() {
  const Binding none{nullptr, nullptr};  // pins land in MappingPin (resolve_pins), not in ArchSpec
  // clang-format off
  return {
      // field         kind        lo  hi        choices                            default
      //   description                                                                 flags       binding
      {"dataflow",     Kind::Enum, 0,  0,        {"ws", "os", "is", "auto"},        "auto",
         "dataflow of this layer; one of array.dataflows",                             0,          none},
      {"tile_rows",    Kind::Int,  1,  kMaxTile, {},                                "auto",
         "output pixel rows per block",                                                kAllowAuto, none},
      {"tile_cols",    Kind::Int,  1,  kMaxTile, {},                                "auto",
         "output pixel columns per block",                                             kAllowAuto, none},
      {"tile_in_c",    Kind::Int,  1,  kMaxTile, {},                                "auto",
         "input channels per block (per group)",                                       kAllowAuto, none},
      {"tile_out_c",   Kind::Int,  1,  kMaxTile, {},                                "auto",
         "output channels per block (per group)",                                      kAllowAuto, none},
      {"loop_order",   Kind::Enum, 0,  0,        {"pixels", "channels", "auto"},    "auto",
         "pixels: a region's channel blocks run back to back; channels: a channel block's regions do", 0, none},
      {"partition",    Kind::Enum, 0,  0,        {"channels", "rows", "batch", "auto"}, "partition.strategy",
         "how the cores share this layer; auto: the split the mapper expects to finish first", 0, none},
  };
  // clang-format on
}

std::optional<int> MappingPin::*tile_member(std::string_view field) {
  if (field == "tile_rows") return &MappingPin::tile_rows;
  if (field == "tile_cols") return &MappingPin::tile_cols;
  if (field == "tile_in_c") return &MappingPin::tile_in_c;
  if (field == "tile_out_c") return &MappingPin::tile_out_c;
  return nullptr;
}

// `field` parsed under its full path, so every message names mapping.LAYER.FIELD.
Value parse_field(const KeySpec& field, const std::string& path, const YAML::Node& node,
                  std::string_view where) {
  KeySpec spec = field;
  spec.key = path;
  Value v = parse_leaf(spec, node, where);
  if (spec.kind == Kind::Enum && v.text == "auto") {
    v.is_auto = true;
  }
  return v;
}

std::string unknown_field_detail(std::string_view layer_path, std::string_view field) {
  std::vector<std::string_view> names;
  for (const auto& spec : pin_fields()) {
    names.push_back(spec.key);
  }
  const std::string near = nearest_word(field, names);
  const std::string hint = near.empty() ? "" : fmt::format("did you mean {}.{}? ", layer_path, near);
  return fmt::format("unknown field; {}a layer's pin takes {}", hint, pin_field_names());
}

std::string found_text(const YAML::Node& node) {
  if (node.IsSequence()) {
    return "found a list";
  }
  if (node.IsScalar()) {
    return fmt::format("found '{}'", node.Scalar());
  }
  return "is empty";
}

bool is_set_layer_name(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
  });
}

void read_layer(const YAML::Node& key, const YAML::Node& value, const std::string& file,
                PinAssignments& out) {
  const std::string where = where_in(file, key.Mark());
  const std::string& layer = key.Scalar();
  const std::string path = fmt::format("{}.{}", kMappingSection, layer);
  if (layer.empty()) {
    fail(where, kMappingSection, "a layer name is empty; expected the name of a layer of the network");
  }
  if (!value.IsMap()) {
    fail(where, path,
         fmt::format("{}; expected a map of the fields to pin ({}), e.g. {{dataflow: os, tile_out_c: 32}}",
                     found_text(value), pin_field_names()));
  }
  LayerPinAssignments& pin = out[layer];
  pin.where = where;
  std::set<std::string> seen;
  for (const auto& entry : value) {
    const std::string field_where = where_in(file, entry.first.Mark());
    if (!entry.first.IsScalar()) {
      fail(field_where, path,
           fmt::format("a field must be a plain name ({}), not a list or a map", pin_field_names()));
    }
    const std::string& field = entry.first.Scalar();
    const std::string field_path = path + "." + field;
    if (!seen.insert(field).second) {
      fail(field_where, field_path, "duplicate key; each key may appear once per map");
    }
    const KeySpec* spec = find_pin_field(field);
    if (spec == nullptr) {
      fail(field_where, field_path, unknown_field_detail(path, field));
    }
    const YAML::Node& v = entry.second;
    const std::string value_where = v.IsNull() ? field_where : where_in(file, v.Mark());
    pin.fields[field] = Assignment{parse_field(*spec, field_path, v, value_where), value_where};
  }
}

}  // namespace

const std::vector<KeySpec>& pin_fields() {
  static const std::vector<KeySpec> table = make_pin_fields();
  return table;
}

const KeySpec* find_pin_field(std::string_view field) {
  for (const auto& spec : pin_fields()) {
    if (spec.key == field) {
      return &spec;
    }
  }
  return nullptr;
}

std::string pin_field_names() {
  std::vector<std::string_view> names;
  for (const auto& spec : pin_fields()) {
    names.push_back(spec.key);
  }
  return fmt::format("{}", fmt::join(names, ", "));
}

void read_pins(const YAML::Node& key, const YAML::Node& value, const std::string& file, PinAssignments& out) {
  if (value.IsNull()) {
    return;  // "mapping:" with nothing under it pins nothing, like an empty section
  }
  const std::string where = where_in(file, key.Mark());
  if (!value.IsMap()) {
    fail(where, kMappingSection,
         fmt::format("{}; expected a map from layer name to the fields to pin, e.g. "
                     "'mapping: {{conv_3: {{dataflow: os, tile_out_c: 32}}}}'",
                     found_text(value)));
  }
  std::set<std::string> seen;
  for (const auto& entry : value) {
    const std::string layer_where = where_in(file, entry.first.Mark());
    if (!entry.first.IsScalar()) {
      fail(layer_where, kMappingSection, "a layer name must be plain text, not a list or a map");
    }
    if (!seen.insert(entry.first.Scalar()).second) {
      fail(layer_where, fmt::format("{}.{}", kMappingSection, entry.first.Scalar()),
           "duplicate layer; each layer may appear once per map");
    }
    read_layer(entry.first, entry.second, file, out);
  }
}

bool is_pin_key(std::string_view key) {
  return key == kMappingSection ||
         (key.size() > kMappingSection.size() && key.substr(0, kMappingSection.size()) == kMappingSection &&
          key[kMappingSection.size()] == '.');
}

void apply_pin_override(const std::string& key, const std::string& text, const std::string& where,
                        PinAssignments& out) {
  if (key == kMappingSection) {
    fail(where, key,
         fmt::format("holds per-layer pins; set one field ({}) as mapping.LAYER.FIELD=VALUE, e.g. --set "
                     "mapping.conv_3.tile_out_c=32",
                     pin_field_names()));
  }
  const std::string rest = key.substr(kMappingSection.size() + 1);
  const auto dot = rest.find('.');
  if (dot == std::string::npos) {
    fail(where, key,
         fmt::format("is a layer's pin; set one of its fields ({}) as {}.FIELD=VALUE", pin_field_names(),
                     key));
  }
  const std::string layer = rest.substr(0, dot), field = rest.substr(dot + 1);
  if (field.find('.') != std::string::npos) {
    fail(where, key,
         "expected mapping.LAYER.FIELD; a layer named with --set may hold only letters, digits, '_' and '-' "
         "(pin a layer whose name has a dot in a config file)");
  }
  if (!is_set_layer_name(layer)) {
    fail(where, key,
         fmt::format(
             "'{}' is not a layer name --set accepts; expected letters, digits, '_' and '-' (pin other "
             "names in a config file)",
             layer));
  }
  const KeySpec* spec = find_pin_field(field);
  if (spec == nullptr) {
    fail(where, key, unknown_field_detail(fmt::format("{}.{}", kMappingSection, layer), field));
  }
  YAML::Node value;
  try {
    value = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    fail(where, key,
         fmt::format("'{}' is not a valid YAML value ({}); expected {}", text, e.msg, expected_text(*spec)));
  }
  LayerPinAssignments& pin = out[layer];
  pin.where = where;
  pin.fields[field] = Assignment{parse_field(*spec, key, value, where), where};
}

std::map<std::string, MappingPin> resolve_pins(const PinAssignments& set) {
  std::map<std::string, MappingPin> pins;
  for (const auto& [layer, assigned] : set) {
    MappingPin pin;
    bool any = false;
    for (const auto& [field, a] : assigned.fields) {
      if (field == "partition") {  // here "auto" is a choice of its own, not "unpinned"
        any = true;
        parse_partition_strategy(a.value.text, pin.partition.emplace());
        continue;
      }
      if (a.value.is_auto) {
        continue;
      }
      any = true;
      if (field == "dataflow") {
        pin.dataflow = parse_dataflow(a.value.text).value();
      } else if (field == "loop_order") {
        pin.loop_order = a.value.text == "pixels" ? LoopOrder::Pixels : LoopOrder::Channels;
      } else {
        pin.*tile_member(field) = static_cast<int>(a.value.n);
      }
    }
    if (any) {
      pins[layer] = pin;
    }
  }
  return pins;
}

std::map<std::string, std::string> pin_sources(const PinAssignments& set) {
  const auto pins = resolve_pins(set);
  std::map<std::string, std::string> sources;
  for (const auto& [layer, assigned] : set) {
    if (pins.count(layer) != 0) {
      sources[layer] = assigned.where;
    }
  }
  return sources;
}

void check_pins(const ArchSpec& arch, const PinAssignments& set) {
  const auto& supported = arch.array.supported;
  std::vector<std::string_view> names;
  for (Dataflow d : supported) {
    names.push_back(to_string(d));
  }
  for (const auto& [layer, assigned] : set) {
    const auto it = assigned.fields.find("dataflow");
    if (it == assigned.fields.end() || it->second.value.is_auto) {
      continue;
    }
    const Dataflow d = parse_dataflow(it->second.value.text).value();
    if (std::find(supported.begin(), supported.end(), d) == supported.end()) {
      fail(it->second.where, fmt::format("{}.{}.dataflow", kMappingSection, layer),
           fmt::format("'{}' is not supported by this hardware: array.dataflows is [{}]; add it there or pin "
                       "one of those",
                       to_string(d), fmt::join(names, ", ")));
    }
  }
}

void emit_pins(YAML::Emitter& em, const std::map<std::string, MappingPin>& pins) {
  if (pins.empty()) {
    return;
  }
  em << YAML::Key << std::string(kMappingSection) << YAML::Value << YAML::BeginMap;
  for (const auto& [layer, pin] : pins) {
    em << YAML::Key << layer << YAML::Value << YAML::Flow << YAML::BeginMap;
    for (const auto& spec : pin_fields()) {  // schema order
      const std::string field(spec.key);
      std::string text;
      if (field == "dataflow" && pin.dataflow) {
        text = std::string(to_string(*pin.dataflow));
      } else if (field == "loop_order" && pin.loop_order) {
        text = to_string(*pin.loop_order);
      } else if (field == "partition" && pin.partition) {
        text = to_string(*pin.partition);
      } else if (const auto member = tile_member(field); member != nullptr && pin.*member) {
        text = std::to_string(*(pin.*member));
      }
      if (!text.empty()) {
        em << YAML::Key << field << YAML::Value << text;
      }
    }
    em << YAML::EndMap;
  }
  em << YAML::EndMap;
}

}  // namespace systolica::config
