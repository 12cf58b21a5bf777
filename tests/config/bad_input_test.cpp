// Configs that are wrong. Each case is checked twice: through the library (the ConfigError names the
// key path, and file:line where there is one) and through the real binary (exit status 2, the key path
// on stderr), because the message is only useful if the user actually sees it.
#include <gtest/gtest.h>

#include "tests/config/config_test_util.h"

namespace systolica::test {
namespace {

struct BadCase {
  const char* name;
  const char* file;  // under tests/data/configs/bad/, or "" for none
  std::vector<std::string> overrides;
  const char* where;  // "file.yaml:LINE" or "--set ..." that must start the message; "" if none
  const char* key;    // the key path the message must name
  const char* also;   // something else the message must say
};

// clang-format off
const BadCase kCases[] = {
    {"unknown_key", "unknown_key.yaml", {}, "unknown_key.yaml:2", "scratchpd", "did you mean scratchpad?"},
    {"misspelt_nested_key", "misspelt_nested_key.yaml", {}, "misspelt_nested_key.yaml:3", "array.colums",
     "did you mean array.cols?"},
    {"map_for_scalar", "map_for_scalar.yaml", {}, "map_for_scalar.yaml:3", "array.rows", "found a map"},
    {"string_for_int", "string_for_int.yaml", {}, "string_for_int.yaml:2", "array.cols", "'sixteen' is not an integer"},
    {"zero_size", "zero_size.yaml", {}, "zero_size.yaml:2", "scratchpad.capacity", "out of range"},
    {"negative_size", "negative_size.yaml", {}, "negative_size.yaml:2", "accumulator.capacity", "negative"},
    {"out_of_range", "out_of_range.yaml", {}, "out_of_range.yaml:1", "cores", "1..64"},
    {"bad_enum", "bad_enum.yaml", {}, "bad_enum.yaml:2", "l2.replacement", "lru, random, srrip"},
    {"ambiguous_kb", "ambiguous_kb.yaml", {}, "ambiguous_kb.yaml:2", "scratchpad.capacity", "write KiB, MiB or GiB"},
    {"malformed_yaml", "malformed.yaml", {}, "malformed.yaml:3", "", "malformed YAML"},
    {"duplicate_key", "duplicate_key.yaml", {}, "duplicate_key.yaml:4", "array.rows", "duplicate key"},
    {"include_cycle", "include_cycle_a.yaml", {}, "include_cycle_b.yaml:2", "include", "include cycle"},
    {"missing_include", "missing_include.yaml", {}, "missing_include.yaml:2", "include", "no_such_file.yaml"},
    {"dataflow_not_supported", "dataflow_unsupported.yaml", {}, "dataflow_unsupported.yaml:2", "array.dataflow",
     "array.dataflows is [ws, os]"},
    {"banks_not_dividing", "banks_not_dividing.yaml", {}, "banks_not_dividing.yaml:2", "scratchpad.banks",
     "scratchpad.capacity (256 KiB) does not divide evenly"},
    {"line_not_power_of_two", "line_not_pow2.yaml", {}, "line_not_pow2.yaml:2", "l2.line_bytes", "power of two"},
    {"drain_low_not_below_high", "drain_order.yaml", {}, "drain_order.yaml:3", "dram.write_drain_low",
     "dram.write_drain_high"},
    {"accumulator_too_small", "accumulator_too_small.yaml", {}, "accumulator_too_small.yaml:3",
     "accumulator.capacity", "double-buffering"},
    {"scratchpad_too_small", "scratchpad_too_small.yaml", {}, "scratchpad_too_small.yaml:3",
     "scratchpad.capacity", "two 16x16 int8 array tiles"},
    {"top_level_list", "top_level_list.yaml", {}, "top_level_list.yaml:1", "", "top level is a list"},
    {"top_level_text", "scalar_top_level.yaml", {}, "scalar_top_level.yaml:1", "", "expected a map"},
    {"list_for_scalar", "list_for_scalar.yaml", {}, "list_for_scalar.yaml:1", "cores", "found a list"},
    {"frequency_unit_case", "bad_frequency_unit.yaml", {}, "bad_frequency_unit.yaml:2", "clock.core",
     "did you mean GHz?"},
    {"time_for_cycles", "time_for_cycles.yaml", {}, "time_for_cycles.yaml:2", "scratchpad.latency", "cycles"},
    {"time_without_unit", "time_without_unit.yaml", {}, "time_without_unit.yaml:2", "dram.fixed_latency", "no unit"},
    {"l2_not_whole_sets", "l2_not_divisible.yaml", {}, "l2_not_divisible.yaml:3", "l2.capacity", "2 KiB per set"},
    {"row_bytes_too_narrow", "row_bytes_too_narrow.yaml", {}, "row_bytes_too_narrow.yaml:2", "scratchpad.row_bytes",
     "narrower than one array row"},
    {"accumulator_row_not_int32", "accumulator_row_not_int32.yaml", {}, "accumulator_row_not_int32.yaml:2",
     "accumulator.row_bytes", "multiple of 4 B"},
    {"empty_dataflows", "empty_dataflows.yaml", {}, "empty_dataflows.yaml:2", "array.dataflows", "empty list"},
    {"duplicate_dataflow", "duplicate_dataflow.yaml", {}, "duplicate_dataflow.yaml:2", "array.dataflows", "twice"},
    {"include_not_at_top", "include_not_at_top.yaml", {}, "include_not_at_top.yaml:2", "dram.include", "top level"},
    {"size_overflow", "size_overflow.yaml", {}, "size_overflow.yaml:2", "l2.capacity", "too large"},
    {"section_given_a_value", "section_scalar.yaml", {}, "section_scalar.yaml:1", "array", "expected a map"},
    {"empty_value", "empty_value.yaml", {}, "empty_value.yaml:2", "array.rows", "is empty"},
    {"channels_not_power_of_two", "channels_not_pow2.yaml", {}, "channels_not_pow2.yaml:2", "dram.channels",
     "power of two"},
    {"error_inside_included_file", "include_bad_value.yaml", {}, "parts/bad_part.yaml:2", "array.rows",
     "out of range"},
    {"malformed_included_file", "include_malformed.yaml", {}, "malformed.yaml:3", "", "malformed YAML"},
    {"dotted_key_in_file", "dotted_key.yaml", {}, "dotted_key.yaml:1", "array.rows", "nested maps"},
    {"nonexistent_config_file", "does_not_exist.yaml", {}, "", "", "does_not_exist.yaml"},
    {"set_without_equals", "", {"array.rows"}, "--set array.rows", "array.rows", "expected KEY=VALUE"},
    {"set_unknown_key", "", {"array.rowz=32"}, "--set array.rowz=32", "array.rowz", "did you mean array.rows?"},
    {"set_bad_value", "", {"array.rows=big"}, "--set array.rows=big", "array.rows", "not an integer"},
    {"set_out_of_range", "", {"clock.core=20 GHz"}, "--set clock.core=20 GHz", "clock.core", "1 MHz..10 GHz"},
    {"set_section", "", {"dram=fast"}, "--set dram=fast", "dram", "is a section"},
    {"set_malformed_list", "", {"array.dataflows=[ws, os"}, "--set array.dataflows=[ws, os", "array.dataflows",
     "not a valid YAML value"},
    {"set_breaks_cross_check", "", {"array.dataflow=is"}, "--set array.dataflow=is", "array.dataflow",
     "not supported"},
    {"request_spans_lines", "", {"dma.request_bytes=128B"}, "--set dma.request_bytes=128B", "dma.request_bytes",
     "span two lines"},
    {"set_after_file_breaks_check", "banks_not_dividing.yaml", {"scratchpad.banks=4", "scratchpad.capacity=102 B"},
     "--set scratchpad.capacity=102 B", "scratchpad.capacity", "does not divide evenly"},
    // Mapping pins (mapping.LAYER.FIELD); mistakes in files are in mapping_pins_test.cpp.
    {"pin_unknown_field", "", {"mapping.conv_3.tile_outc=32"}, "--set mapping.conv_3.tile_outc=32",
     "mapping.conv_3.tile_outc", "did you mean mapping.conv_3.tile_out_c?"},
    {"pin_tile_not_positive", "", {"mapping.conv_3.tile_rows=0"}, "--set mapping.conv_3.tile_rows=0",
     "mapping.conv_3.tile_rows", "an integer in 1..1048576"},
    {"pin_tile_not_integer", "", {"mapping.conv_3.tile_cols=1.5"}, "--set mapping.conv_3.tile_cols=1.5",
     "mapping.conv_3.tile_cols", "not a whole number"},
    {"pin_unknown_dataflow", "", {"mapping.conv_3.dataflow=xs"}, "--set mapping.conv_3.dataflow=xs",
     "mapping.conv_3.dataflow", "one of ws, os, is, auto"},
    {"pin_unknown_loop_order", "", {"mapping.conv_3.loop_order=rows"}, "--set mapping.conv_3.loop_order=rows",
     "mapping.conv_3.loop_order", "one of pixels, channels, auto"},
    {"pin_layer_given_a_value", "", {"mapping.conv_3=os"}, "--set mapping.conv_3=os", "mapping.conv_3",
     "is a layer's pin"},
    {"pin_mapping_given_a_value", "", {"mapping=os"}, "--set mapping=os", "mapping", "mapping.LAYER.FIELD=VALUE"},
    {"pin_dotted_layer_name", "", {"mapping.a.b.tile_rows=2"}, "--set mapping.a.b.tile_rows=2",
     "mapping.a.b.tile_rows", "in a config file"},
    {"pin_dataflow_not_supported", "", {"mapping.conv_3.dataflow=is"}, "--set mapping.conv_3.dataflow=is",
     "mapping.conv_3.dataflow", "array.dataflows is [ws, os]"},
};
// clang-format on

// So that ctest and gtest name a case by its name, not by its bytes.
void PrintTo(const BadCase& c, std::ostream* os) {
  *os << c.name;
}

class ConfigBadInput : public ::testing::TestWithParam<BadCase> {
 protected:
  static std::string path(const BadCase& c) {
    return *c.file ? config_data(std::string("bad/") + c.file) : "";
  }
};

TEST_P(ConfigBadInput, LibraryNamesWhereAndKey) {
  const BadCase& c = GetParam();
  const std::string msg = config_error(path(c), c.overrides);
  EXPECT_EQ(msg.find('\n'), std::string::npos) << "one line: " << msg;
  if (*c.where) {
    // The message starts with the location; a file is named by the path it was reached through.
    const std::string where = std::string(c.where) + ":";
    const auto at = msg.find(where);
    ASSERT_NE(at, std::string::npos) << "'" << where << "' not in: " << msg;
    EXPECT_EQ(msg.find(": "), at + where.size() - 1) << "the location comes first: " << msg;
    if (*c.key) {
      EXPECT_TRUE(Contains(msg, where + " " + c.key + ": "));
    }
  } else if (*c.key) {
    EXPECT_TRUE(Contains(msg, std::string(c.key) + ": "));
  }
  EXPECT_TRUE(Contains(msg, c.also));
}

TEST_P(ConfigBadInput, BinaryExitsWithStatus2AndSaysWhy) {
  const BadCase& c = GetParam();
  const CommandResult r = run_systolica(path(c), c.overrides);
  EXPECT_EQ(r.exit_status, 2) << r.err;
  EXPECT_TRUE(Contains(r.err, "systolica: error: "));
  EXPECT_TRUE(Contains(r.err, *c.key ? c.key : c.also));
  if (*c.where && *c.file) {
    EXPECT_TRUE(Contains(r.err, c.where));
  }
}

INSTANTIATE_TEST_SUITE_P(Config, ConfigBadInput, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<BadCase>& info) { return info.param.name; });

// Includes nested deeper than kMaxIncludeDepth: d0 includes d1 includes ... d9.
TEST(ConfigBadInclude, TooDeepNamesFileAndLine) {
  const auto dir = temp_config_dir("deep");
  for (int i = 0; i < 10; ++i) {
    write_file(dir / ("d" + std::to_string(i) + ".yaml"),
               "cores: 1\ninclude: d" + std::to_string(i + 1) + ".yaml\n");
  }
  write_file(dir / "d10.yaml", "cores: 2\n");
  const std::string top = (dir / "d0.yaml").string();
  const std::string msg = config_error(top);
  EXPECT_TRUE(Contains(msg, "d7.yaml:2: include: "));
  EXPECT_TRUE(Contains(msg, "at most 8"));
  const CommandResult r = run_systolica(top, {});
  EXPECT_EQ(r.exit_status, 2) << r.err;
  EXPECT_TRUE(Contains(r.err, "d7.yaml:2: include: "));
  std::filesystem::remove_all(dir);
}

// Every accepted --set value also works from a file and vice versa; nothing but ConfigError escapes,
// whatever the bytes. A cheap fuzz over mutations of configs/default.yaml.
TEST(ConfigFuzz, MutatedDefaultYamlOnlyEverThrowsConfigError) {
  std::ifstream in(source_dir() + "/configs/default.yaml");
  const std::string original((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto dir = temp_config_dir("fuzz");
  const std::string path = (dir / "mutant.yaml").string();
  const std::string alphabet = "0123456789:-[]{},.#'\"&*!|> \n\tabzKiBMHG%";
  std::uint64_t state = 12345;
  for (int trial = 0; trial < 300; ++trial) {
    const std::string text = mutate(original, trial, alphabet, state);
    write_file(path, text);
    try {
      load_config(path, {});
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
