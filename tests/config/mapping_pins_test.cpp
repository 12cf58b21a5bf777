// Per-layer mapping pins in configs: `mapping: {LAYER: {FIELD: VALUE}}` in files and
// `--set mapping.LAYER.FIELD=VALUE`, how they merge, the saved config.yaml round trip, the key listing,
// the layer-name check, and one test per kind of mistake (file:line or --set, key path, what is allowed).
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <iterator>

#include "tests/config/config_test_util.h"

namespace systolica::test {
namespace {

MappingPin pin(std::optional<Dataflow> dataflow, std::optional<int> rows, std::optional<int> cols,
               std::optional<int> in_c, std::optional<int> out_c, std::optional<LoopOrder> order) {
  MappingPin p;
  p.dataflow = dataflow;
  p.tile_rows = rows;
  p.tile_cols = cols;
  p.tile_in_c = in_c;
  p.tile_out_c = out_c;
  p.loop_order = order;
  return p;
}

// "conv_3: {dataflow: os, tile_out_c: 32}"-style text, so a mismatch prints readably.
std::string text_of(const MappingPin& p) {
  std::string s = "{";
  auto add = [&s](const char* name, const std::string& value) {
    s += (s.size() > 1 ? ", " : "") + std::string(name) + ": " + value;
  };
  if (p.dataflow) add("dataflow", std::string(to_string(*p.dataflow)));
  if (p.tile_rows) add("tile_rows", std::to_string(*p.tile_rows));
  if (p.tile_cols) add("tile_cols", std::to_string(*p.tile_cols));
  if (p.tile_in_c) add("tile_in_c", std::to_string(*p.tile_in_c));
  if (p.tile_out_c) add("tile_out_c", std::to_string(*p.tile_out_c));
  if (p.loop_order) add("loop_order", to_string(*p.loop_order));
  return s + "}";
}

std::string text_of(const std::map<std::string, MappingPin>& pins) {
  std::string s;
  for (const auto& [layer, p] : pins) {
    s += layer + ": " + text_of(p) + "\n";
  }
  return s;
}

constexpr auto kNone = std::nullopt;

TEST(ConfigMappingPins, FileAndSetLandInPins) {
  const auto dir = temp_config_dir("pins-good");
  const std::string path = write_file(dir / "pins.yaml",
                                      "array: {dataflows: [ws, os, is]}\n"
                                      "mapping:\n"
                                      "  conv_3: {dataflow: os, tile_out_c: 32}\n"
                                      "  conv_1: {tile_rows: 4, loop_order: channels}\n"
                                      "  layer1.0.conv1:\n"
                                      "    tile_cols: 7\n"
                                      "    tile_in_c: 64\n"
                                      "    dataflow: is\n"
                                      "    loop_order: pixels\n");
  const ResolvedConfig cfg = load_config(path, {"mapping.conv_9.tile_out_c=16", "mapping.fc-1000.dataflow=ws",
                                                " mapping.conv_1.tile_rows = 8 "});
  const std::map<std::string, MappingPin> want{
      {"conv_1", pin(kNone, 8, kNone, kNone, kNone, LoopOrder::Channels)},
      {"conv_3", pin(Dataflow::OutputStationary, kNone, kNone, kNone, 32, kNone)},
      {"conv_9", pin(kNone, kNone, kNone, kNone, 16, kNone)},
      {"fc-1000", pin(Dataflow::WeightStationary, kNone, kNone, kNone, kNone, kNone)},
      {"layer1.0.conv1", pin(Dataflow::InputStationary, kNone, 7, 64, kNone, LoopOrder::Pixels)},
  };
  EXPECT_EQ(text_of(cfg.pins), text_of(want));
  // Where each layer was last named: its line in the file, or the --set that touched it last.
  EXPECT_EQ(cfg.pin_sources.at("conv_3"), path + ":3");
  EXPECT_EQ(cfg.pin_sources.at("layer1.0.conv1"), path + ":5");
  EXPECT_EQ(cfg.pin_sources.at("conv_1"), "--set  mapping.conv_1.tile_rows = 8 ");
  EXPECT_EQ(cfg.pin_sources.at("conv_9"), "--set mapping.conv_9.tile_out_c=16");
  std::filesystem::remove_all(dir);
}

TEST(ConfigMappingPins, IncludesAndOverridesMergeFieldByFieldAndAutoUnpins) {
  const auto dir = temp_config_dir("pins-merge");
  write_file(dir / "base.yaml",
             "mapping:\n  conv_3: {dataflow: os, tile_out_c: 32}\n  conv_5: {tile_rows: 2}\n"
             "  conv_7: {loop_order: pixels}\n");
  const std::string top =
      write_file(dir / "top.yaml",
                 "include: base.yaml\nmapping:\n  conv_3: {tile_rows: 8, tile_out_c: 64}\n"
                 "  conv_5: {tile_rows: auto}\n  conv_7: {}\n");
  const ResolvedConfig cfg = load_config(top, {"mapping.conv_3.dataflow=auto", "mapping.conv_7.tile_in_c=3"});
  const std::map<std::string, MappingPin> want{
      {"conv_3", pin(kNone, 8, kNone, kNone, 64, kNone)},                 // dataflow un-pinned by --set
      {"conv_7", pin(kNone, kNone, kNone, 3, kNone, LoopOrder::Pixels)},  // {} changes nothing
  };  // conv_5: its only field set back to auto, so it pins nothing and is left out
  EXPECT_EQ(text_of(cfg.pins), text_of(want));
  EXPECT_EQ(cfg.pin_sources.count("conv_5"), 0u);
  std::filesystem::remove_all(dir);
}

TEST(ConfigMappingPins, NoPinsMeansNoSectionAndAnEmptySectionPinsNothing) {
  const ResolvedConfig none = load_config("", {});
  EXPECT_TRUE(none.pins.empty());
  EXPECT_EQ(none.yaml.find("\nmapping:"), std::string::npos) << none.yaml;
  const auto dir = temp_config_dir("pins-empty");
  for (const char* body : {"mapping:\n", "mapping: {}\n", "mapping:\n  conv_3: {}\n"}) {
    const ResolvedConfig cfg = load_config(write_file(dir / "empty.yaml", body), {});
    EXPECT_TRUE(cfg.pins.empty()) << body;
    EXPECT_EQ(cfg.yaml.find("\nmapping:"), std::string::npos) << body;
  }
  std::filesystem::remove_all(dir);
}

TEST(ConfigMappingPins, SavedYamlReloadsToTheSamePinsAndArch) {
  const auto dir = temp_config_dir("pins-roundtrip");
  // Names a file may use but --set may not, including ones YAML would read as something else unquoted.
  const std::string path =
      write_file(dir / "pins.yaml",
                 "array: {rows: 8, dataflows: [ws, os, is]}\n"
                 "mapping:\n"
                 "  conv_3: {dataflow: os, tile_out_c: 32}\n"
                 "  layer1.0.conv1: {tile_rows: 1, tile_cols: 2, tile_in_c: 3, tile_out_c: 4,"
                 " dataflow: is, loop_order: channels}\n"
                 "  'null': {tile_rows: 2}\n"
                 "  '#hash': {tile_rows: 3}\n"
                 "  'a: b': {tile_rows: 4}\n"
                 "  '123': {tile_rows: 5}\n"
                 "  '-': {tile_rows: 6}\n"
                 "  'with space': {tile_rows: 7}\n");
  const ResolvedConfig first = load_config(path, {"mapping.conv_1.loop_order=pixels"});
  ASSERT_EQ(first.pins.size(), 9u) << text_of(first.pins);
  EXPECT_TRUE(Contains(first.yaml, "\nmapping:\n"));
  EXPECT_TRUE(Contains(first.yaml, "  conv_3: {dataflow: os, tile_out_c: 32}\n"));
  EXPECT_TRUE(Contains(first.yaml, "same architecture and mapping pins"));
  const std::string saved = write_file(dir / "config.yaml", first.yaml);
  const ResolvedConfig second = load_config(saved, {});
  EXPECT_EQ(text_of(second.pins), text_of(first.pins));
  EXPECT_TRUE(differing_keys(first.arch, second.arch).empty());
  // The second dump differs only in its header ("source: ...", "override: ...").
  const auto body = [](const std::string& y) { return y.substr(y.find("\nname:")); };
  EXPECT_EQ(body(second.yaml), body(first.yaml));
  std::filesystem::remove_all(dir);
}

TEST(ConfigMappingPins, ExampleConfigLoads) {
  const ResolvedConfig cfg = load_config(source_dir() + "/configs/examples/pinned_mapping.yaml", {});
  const std::map<std::string, MappingPin> want{
      {"conv_1", pin(kNone, 4, kNone, kNone, kNone, LoopOrder::Channels)},
      {"conv_3", pin(Dataflow::OutputStationary, kNone, kNone, kNone, 32, kNone)},
  };
  EXPECT_EQ(text_of(cfg.pins), text_of(want));
  EXPECT_TRUE(differing_keys(cfg.arch, load_config("", {}).arch).empty());
}

TEST(ConfigMappingPins, KeyListingNamesThePinFieldsButDoesNotCountThem) {
  for (const auto& k : describe_config_keys()) {
    EXPECT_NE(k.key.rfind("mapping", 0), 0u) << k.key;
  }
  const auto fields = describe_mapping_pin_fields();
  ASSERT_EQ(fields.size(), 7u);
  EXPECT_EQ(fields[0].key, "mapping.<layer>.dataflow");
  EXPECT_EQ(fields[0].allowed, "ws | os | is | auto");
  EXPECT_EQ(fields[4].key, "mapping.<layer>.tile_out_c");
  EXPECT_EQ(fields[4].allowed, "1..1048576, or auto");
  EXPECT_EQ(fields[5].allowed, "pixels | channels | auto");
  // Unpinned, a layer's split follows the network-wide key; its own "auto" asks for the best split.
  EXPECT_EQ(fields[6].key, "mapping.<layer>.partition");
  EXPECT_EQ(fields[6].default_value, "partition.strategy");
  EXPECT_EQ(fields[6].allowed, "channels | rows | batch | auto");
  const std::string table = format_config_keys();
  const auto footer = table.find("\nPer-layer mapping pins");
  ASSERT_NE(footer, std::string::npos) << table;
  for (const auto& f : fields) {
    if (f.key != "mapping.<layer>.partition") {
      EXPECT_EQ(f.default_value, "auto");
    }
    EXPECT_FALSE(f.description.empty());
    EXPECT_NE(table.find("\n" + f.key + " ", footer), std::string::npos) << f.key;
  }
  // The binary prints the same.
  const CommandResult r = run_command(systolica_bin() + " config --keys");
  EXPECT_EQ(r.exit_status, 0) << r.err;
  EXPECT_TRUE(Contains(r.out, "mapping.<layer>.tile_out_c"));
}

TEST(ConfigMappingPins, ConfigCommandPrintsThePins) {
  const CommandResult r = run_command(systolica_bin() + " config --set mapping.conv_3.tile_out_c=32");
  EXPECT_EQ(r.exit_status, 0) << r.err;
  EXPECT_TRUE(Contains(r.out, "\nmapping:\n  conv_3: {tile_out_c: 32}\n"));
}

// The message of the ConfigError that check_pinned_layers throws, or "" if it passes.
std::string layer_error(const ResolvedConfig& cfg, const std::vector<std::string>& layers) {
  try {
    check_pinned_layers(cfg, layers);
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "";
}

TEST(ConfigPinnedLayers, UnknownLayerNamesWhereItWasPinnedAndTheNearestLayer) {
  const auto dir = temp_config_dir("pins-layers");
  const std::string path =
      write_file(dir / "pins.yaml", "mapping:\n  conv_3: {tile_rows: 2}\n  conv_33: {tile_rows: 2}\n");
  const ResolvedConfig cfg = load_config(path, {"mapping.fc9.tile_in_c=8"});
  EXPECT_EQ(layer_error(cfg, {"conv_1", "conv_3", "conv_33", "fc9"}), "");
  EXPECT_EQ(
      layer_error(cfg, {"conv_1", "conv_3", "conv_33", "fc"}),
      "--set mapping.fc9.tile_in_c=8: mapping.fc9: no layer of that name in the network; did you mean fc?");
  EXPECT_EQ(layer_error(cfg, {"conv_1", "conv_3", "fc9"}),
            path + ":3: mapping.conv_33: no layer of that name in the network; did you mean conv_3?");
  std::vector<std::string> many;
  for (int i = 1; i <= 10; ++i) {
    many.push_back("stage" + std::to_string(i));
  }
  EXPECT_EQ(layer_error(cfg, many),
            path +
                ":2: mapping.conv_3: no layer of that name in the network; its 10 layers are stage1, stage2, "
                "stage3, stage4, stage5, stage6, stage7, stage8, ...");
  EXPECT_EQ(layer_error(cfg, {}),
            path + ":2: mapping.conv_3: no layer of that name in the network; it has no layers");
  std::filesystem::remove_all(dir);
}

// A mistake in a pin, from a file (written to a temp dir as pins.yaml) or from --set.
struct PinCase {
  const char* name;
  const char* yaml;  // "" for none
  std::vector<std::string> overrides;
  const char* where;              // "pins.yaml:LINE" or "--set ..." that must start the message
  const char* key;                // the key path the message must name
  std::vector<const char*> also;  // what else the message must say: what was found, what is allowed
};

const char* const kFields = "dataflow, tile_rows, tile_cols, tile_in_c, tile_out_c, loop_order";

// clang-format off
const PinCase kPinCases[] = {
    // unknown field
    {"unknown_field_suggests", "mapping:\n  conv_3: {dataflow: os, tile_outc: 32}\n", {}, "pins.yaml:2",
     "mapping.conv_3.tile_outc", {"unknown field; did you mean mapping.conv_3.tile_out_c?", kFields}},
    {"unknown_field_lists_fields", "mapping:\n  conv_3:\n    dataflow: os\n    stride: 2\n", {}, "pins.yaml:4",
     "mapping.conv_3.stride", {"unknown field; a layer's pin takes", kFields}},
    {"set_unknown_field", "", {"mapping.conv_3.tile_outc=32"}, "--set mapping.conv_3.tile_outc=32",
     "mapping.conv_3.tile_outc", {"did you mean mapping.conv_3.tile_out_c?", kFields}},
    // tile sizes that are not positive integers
    {"zero_tile", "mapping:\n  conv_3:\n    tile_rows: 0\n", {}, "pins.yaml:3", "mapping.conv_3.tile_rows",
     {"'0' is out of range", "an integer in 1..1048576, or auto"}},
    {"negative_tile", "mapping:\n  conv_3: {tile_cols: -4}\n", {}, "pins.yaml:2", "mapping.conv_3.tile_cols",
     {"'-4' is negative", "1..1048576"}},
    {"fractional_tile", "mapping:\n  conv_3: {tile_in_c: 2.5}\n", {}, "pins.yaml:2", "mapping.conv_3.tile_in_c",
     {"'2.5' is not a whole number", "1..1048576"}},
    {"text_tile", "mapping:\n  conv_3: {tile_out_c: many}\n", {}, "pins.yaml:2", "mapping.conv_3.tile_out_c",
     {"'many' is not an integer", "1..1048576"}},
    {"tile_with_unit", "mapping:\n  conv_3: {tile_out_c: 32 KiB}\n", {}, "pins.yaml:2", "mapping.conv_3.tile_out_c",
     {"'32 KiB' is not an integer"}},
    {"huge_tile", "mapping:\n  conv_3: {tile_out_c: 99999999999999999999999}\n", {}, "pins.yaml:2",
     "mapping.conv_3.tile_out_c", {"too large", "1..1048576"}},
    {"tile_given_a_list", "mapping:\n  conv_3: {tile_rows: [1, 2]}\n", {}, "pins.yaml:2", "mapping.conv_3.tile_rows",
     {"found a list", "an integer in 1..1048576"}},
    {"tile_left_empty", "mapping:\n  conv_3:\n    tile_rows:\n", {}, "pins.yaml:3", "mapping.conv_3.tile_rows",
     {"is empty", "an integer in 1..1048576"}},
    {"set_zero_tile", "", {"mapping.conv_3.tile_out_c=0"}, "--set mapping.conv_3.tile_out_c=0",
     "mapping.conv_3.tile_out_c", {"out of range", "1..1048576"}},
    {"set_text_tile", "", {"mapping.conv_3.tile_out_c=abc"}, "--set mapping.conv_3.tile_out_c=abc",
     "mapping.conv_3.tile_out_c", {"'abc' is not an integer", "1..1048576"}},
    {"set_malformed_value", "", {"mapping.conv_3.tile_rows=[4"}, "--set mapping.conv_3.tile_rows=[4",
     "mapping.conv_3.tile_rows", {"not a valid YAML value", "1..1048576"}},
    // unknown dataflow or loop order
    {"unknown_dataflow", "mapping:\n  conv_3: {dataflow: xs}\n", {}, "pins.yaml:2", "mapping.conv_3.dataflow",
     {"'xs' is not allowed", "one of ws, os, is, auto"}},
    {"dataflow_case", "mapping:\n  conv_3: {dataflow: OS}\n", {}, "pins.yaml:2", "mapping.conv_3.dataflow",
     {"did you mean os?", "one of ws, os, is, auto"}},
    {"unknown_loop_order", "mapping:\n  conv_3:\n    loop_order: rows\n", {}, "pins.yaml:3",
     "mapping.conv_3.loop_order", {"'rows' is not allowed", "one of pixels, channels, auto"}},
    {"set_unknown_dataflow", "", {"mapping.conv_3.dataflow=rs"}, "--set mapping.conv_3.dataflow=rs",
     "mapping.conv_3.dataflow", {"'rs' is not allowed", "ws, os, is"}},
    {"set_unknown_loop_order", "", {"mapping.conv_3.loop_order=rows"}, "--set mapping.conv_3.loop_order=rows",
     "mapping.conv_3.loop_order", {"'rows' is not allowed", "pixels, channels"}},
    {"dataflow_not_supported", "mapping:\n  conv_1: {tile_rows: 2}\n  conv_3: {dataflow: is}\n", {}, "pins.yaml:3",
     "mapping.conv_3.dataflow", {"'is' is not supported by this hardware", "array.dataflows is [ws, os]"}},
    {"set_dataflow_not_supported", "", {"mapping.conv_3.dataflow=is"}, "--set mapping.conv_3.dataflow=is",
     "mapping.conv_3.dataflow", {"not supported", "array.dataflows is [ws, os]"}},
    // a layer entry that is not a map
    {"layer_given_text", "mapping:\n  conv_3: os\n", {}, "pins.yaml:2", "mapping.conv_3",
     {"found 'os'", "expected a map of the fields to pin", kFields}},
    {"layer_given_a_list", "mapping:\n  conv_3: [os, 32]\n", {}, "pins.yaml:2", "mapping.conv_3",
     {"found a list", kFields}},
    {"layer_left_empty", "mapping:\n  conv_3:\n  conv_5: {tile_rows: 2}\n", {}, "pins.yaml:2", "mapping.conv_3",
     {"is empty", kFields}},
    {"fields_not_indented", "mapping:\n  conv_3:\n  dataflow: os\n", {}, "pins.yaml:2", "mapping.conv_3",
     {"is empty", kFields}},
    {"set_whole_layer", "", {"mapping.conv_3=os"}, "--set mapping.conv_3=os", "mapping.conv_3",
     {"is a layer's pin", kFields, "mapping.conv_3.FIELD=VALUE"}},
    // mapping itself not a map
    {"mapping_given_a_list", "cores: 1\nmapping: [conv_3]\n", {}, "pins.yaml:2", "mapping",
     {"found a list", "expected a map from layer name to the fields to pin"}},
    {"mapping_given_text", "mapping: os\n", {}, "pins.yaml:1", "mapping",
     {"found 'os'", "e.g. 'mapping: {conv_3: {dataflow: os, tile_out_c: 32}}'"}},
    {"set_whole_mapping", "", {"mapping=os"}, "--set mapping=os", "mapping",
     {"holds per-layer pins", "mapping.LAYER.FIELD=VALUE", kFields}},
    // names and keys
    {"mapping_misspelt", "maping:\n  conv_3: {dataflow: os}\n", {}, "pins.yaml:1", "maping",
     {"did you mean mapping?"}},
    {"duplicate_layer", "mapping:\n  conv_3: {tile_rows: 2}\n  conv_3: {tile_cols: 2}\n", {}, "pins.yaml:3",
     "mapping.conv_3", {"duplicate layer"}},
    {"duplicate_field", "mapping:\n  conv_3:\n    tile_rows: 2\n    tile_rows: 4\n", {}, "pins.yaml:4",
     "mapping.conv_3.tile_rows", {"duplicate key"}},
    {"empty_layer_name", "mapping:\n  '': {tile_rows: 2}\n", {}, "pins.yaml:2", "mapping",
     {"a layer name is empty"}},
    {"layer_name_a_list", "mapping:\n  [a, b]: {tile_rows: 2}\n", {}, "pins.yaml:2", "mapping",
     {"a layer name must be plain text"}},
    {"field_name_a_list", "mapping:\n  conv_3:\n    ? [a, b]\n    : 2\n", {}, "pins.yaml:3", "mapping.conv_3",
     {"a field must be a plain name", kFields}},
    {"set_dotted_layer", "", {"mapping.layer1.0.conv1.tile_rows=4"}, "--set mapping.layer1.0.conv1.tile_rows=4",
     "mapping.layer1.0.conv1.tile_rows", {"expected mapping.LAYER.FIELD", "letters, digits, '_' and '-'",
                                          "in a config file"}},
    {"set_layer_with_space", "", {"mapping.conv 3.tile_rows=4"}, "--set mapping.conv 3.tile_rows=4",
     "mapping.conv 3.tile_rows", {"'conv 3' is not a layer name --set accepts", "letters, digits, '_' and '-'"}},
    {"set_empty_layer", "", {"mapping..tile_rows=4"}, "--set mapping..tile_rows=4", "mapping..tile_rows",
     {"'' is not a layer name --set accepts"}},
    {"error_after_good_include", "include: good.yaml\nmapping:\n  conv_3: {tile_rows: 0}\n", {}, "pins.yaml:3",
     "mapping.conv_3.tile_rows", {"out of range"}},
};
// clang-format on

void PrintTo(const PinCase& c, std::ostream* os) {
  *os << c.name;
}

class ConfigPinErrors : public ::testing::TestWithParam<PinCase> {
 protected:
  void SetUp() override {
    dir_ = temp_config_dir(std::string("pins-bad-") + GetParam().name);
    write_file(dir_ / "good.yaml", "mapping:\n  conv_3: {dataflow: os}\n");
    if (*GetParam().yaml) {
      path_ = write_file(dir_ / "pins.yaml", GetParam().yaml);
    }
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::filesystem::path dir_;
  std::string path_;  // "" when the case has no file
};

TEST_P(ConfigPinErrors, MessageNamesWhereKeyFoundAndAllowed) {
  const PinCase& c = GetParam();
  const std::string msg = config_error(path_, c.overrides);
  EXPECT_EQ(msg.find('\n'), std::string::npos) << "one line: " << msg;
  // The message starts with the location (a file by the path it was given as), then the key path.
  const std::string where = *c.yaml ? (dir_ / c.where).string() : c.where;
  EXPECT_EQ(msg.rfind(where + ": " + c.key + ": ", 0), 0u) << msg;
  for (const char* also : c.also) {
    EXPECT_TRUE(Contains(msg, also));
  }
}

INSTANTIATE_TEST_SUITE_P(Config, ConfigPinErrors, ::testing::ValuesIn(kPinCases),
                         [](const ::testing::TestParamInfo<PinCase>& info) { return info.param.name; });

// The binary reports a pin mistake like any config mistake: exit status 2, file:line and key on stderr.
TEST(ConfigPinErrorsBinary, ExitsWithStatus2AndSaysWhere) {
  const auto dir = temp_config_dir("pins-binary");
  const std::string path = write_file(dir / "pins.yaml", "mapping:\n  conv_3: {tile_outc: 32}\n");
  const CommandResult r = run_systolica(path, {});
  EXPECT_EQ(r.exit_status, 2) << r.err;
  EXPECT_TRUE(Contains(r.err, "systolica: error: " + path +
                                  ":2: mapping.conv_3.tile_outc: unknown field; "
                                  "did you mean mapping.conv_3.tile_out_c?"));
  std::filesystem::remove_all(dir);
}

// Nothing but ConfigError escapes, whatever the bytes: mutations of the example config.
TEST(ConfigPinFuzz, MutatedExampleOnlyEverThrowsConfigError) {
  std::ifstream in(source_dir() + "/configs/examples/pinned_mapping.yaml");
  std::string original((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  original.replace(original.find("include: ../default.yaml"), 24, "cores: 1");  // stand alone in a temp dir
  const auto dir = temp_config_dir("pins-fuzz");
  const std::string path = (dir / "mutant.yaml").string();
  const std::string alphabet = "0123456789:-[]{},.#'\"&*!|> \n\tabzKiBosiwpx_";
  std::uint64_t state = 4242;
  for (int trial = 0; trial < 300; ++trial) {
    const std::string text = mutate(original, trial, alphabet, state);
    write_file(path, text);
    try {
      const ResolvedConfig cfg = load_config(path, {});
      // Whatever loaded saves and reloads to the same pins.
      const ResolvedConfig again = load_config(write_file(dir / "saved.yaml", cfg.yaml), {});
      EXPECT_EQ(text_of(again.pins), text_of(cfg.pins)) << text;
    } catch (const ConfigError& e) {
      EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos);
    } catch (const std::exception& e) {
      ADD_FAILURE() << "not a ConfigError: " << e.what() << "\n" << text;
    }
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace systolica::test
