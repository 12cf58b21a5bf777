#pragma once
// Per-layer mapping pins: a top-level `mapping:` map from layer name to the fields it fixes,
//   mapping:
//     conv_3: {dataflow: os, tile_out_c: 32}
// or `--set mapping.conv_3.tile_out_c=32`. The mapper chooses every field left unset (workloads/mapping.h).
// They are not schema keys: their paths hold layer names, which only the network knows. The fields are
// schema rows all the same (pin_fields()), so values parse, check and print exactly like any other key.
#include <yaml-cpp/yaml.h>

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "sim/config/assignments.h"
#include "workloads/mapping.h"

namespace systolica::config {

constexpr std::string_view kMappingSection = "mapping";

// The fields of one pin, keyed by field name ("tile_out_c"), in the order the dump writes them. Every
// field also takes "auto": the mapper chooses it (so --set can undo a pin made in a file).
const std::vector<KeySpec>& pin_fields();
const KeySpec* find_pin_field(std::string_view field);
std::string pin_field_names();  // "dataflow, tile_rows, tile_cols, tile_in_c, tile_out_c, loop_order"

// What the user pinned for one layer, field by field; a later assignment of a field replaces an earlier
// one, as for schema keys.
struct LayerPinAssignments {
  std::string where;   // where the layer was last named: "file.yaml:LINE" or "--set ..."
  Assignments fields;  // field name -> latest value
};
using PinAssignments = std::map<std::string, LayerPinAssignments, std::less<>>;  // layer name -> its fields

// The value under a file's top-level `mapping:` key. `key` is the `mapping` key node (for its line).
void read_pins(const YAML::Node& key, const YAML::Node& value, const std::string& file, PinAssignments& out);

// True for "mapping" and "mapping.*": keys that apply_pin_override handles rather than the schema.
bool is_pin_key(std::string_view key);
// `--set mapping.LAYER.FIELD=VALUE`, split into key and value text; `where` is "--set ARG". Layer names
// given this way are letters, digits, '_' and '-' (a dot would be ambiguous; files take any name).
void apply_pin_override(const std::string& key, const std::string& text, const std::string& where,
                        PinAssignments& out);

// The pins, with "auto" fields dropped and layers that pin nothing left out.
std::map<std::string, MappingPin> resolve_pins(const PinAssignments& set);
// Where each layer of resolve_pins() was last named.
std::map<std::string, std::string> pin_sources(const PinAssignments& set);

// Rules involving the architecture: a pinned dataflow must be one of array.dataflows.
void check_pins(const ArchSpec& arch, const PinAssignments& set);

// Adds `mapping: {LAYER: {FIELD: VALUE, ...}, ...}` to an open top-level map; nothing if `pins` is empty.
void emit_pins(YAML::Emitter& em, const std::map<std::string, MappingPin>& pins);

}  // namespace systolica::config
