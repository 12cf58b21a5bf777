// Presets are dram.md's numbers, per-field overrides land, and every impossible memory is refused with
// one line naming the file:line and key, both through the library and as exit status 2 from the binary.
#include <gtest/gtest.h>

#include "arch/dram/dram_config.h"
#include "sim/config/config_loader.h"
#include "tests/dram/dram_test_util.h"
#include "tests/support/run_command.h"

namespace systolica::dram::test {
namespace {

std::string data(const std::string& name) { return systolica::test::source_dir() + "/tests/data/dram/" + name; }

TEST(DramPresets, Ddr4IsDramMdTable) {
  const DramConfig c = config();
  const DramTiming& t = c.timing;
  EXPECT_EQ(c.preset, "DDR4-2400");
  EXPECT_EQ(t.tCK_ps, 833);
  EXPECT_EQ(std::vector<int>({t.CL, t.CWL, t.tRCD, t.tRP, t.tRAS, t.tRC}), std::vector<int>({17, 12, 17, 17, 39, 56}));
  EXPECT_EQ(std::vector<int>({t.tCCD_S, t.tCCD_L, t.tRRD_S, t.tRRD_L, t.tFAW}), std::vector<int>({4, 6, 4, 6, 26}));
  EXPECT_EQ(std::vector<int>({t.tWR, t.tWTR_S, t.tWTR_L, t.tRTP, t.tREFI, t.tRFC}),
            std::vector<int>({18, 3, 9, 9, 9360, 420}));
  EXPECT_EQ(c.org.banks_per_rank(), 16);
  EXPECT_EQ(c.org.row_bytes(), 8192);
  EXPECT_EQ(c.org.burst_bytes(), 64);
  EXPECT_EQ(c.burst_cycles(), 4);
  EXPECT_NEAR(c.peak_bytes_per_ns(), 19.2, 0.05);  // GB/s
}

TEST(DramPresets, Lpddr4IsDramMdLine) {
  const DramConfig c = config([](DramSpec& s) { s.preset = "LPDDR4-3200"; });
  const DramTiming& t = c.timing;
  EXPECT_EQ(t.tCK_ps, 625);
  EXPECT_EQ(std::vector<int>({t.CL, t.CWL, t.tRCD, t.tRP, t.tRPab, t.tRAS, t.tRC}),
            std::vector<int>({28, 14, 29, 29, 34, 68, 97}));
  EXPECT_EQ(std::vector<int>({t.tCCD_S, t.tRRD_S, t.tFAW, t.tWR, t.tWTR_S, t.tRTP, t.tPPD, t.tREFI, t.tRFC}),
            std::vector<int>({8, 16, 64, 29, 16, 12, 4, 6246, 448}));
  EXPECT_EQ(c.org.banks_per_rank(), 8);
  EXPECT_EQ(c.org.row_bytes(), 4096);
  EXPECT_EQ(c.org.burst_bytes(), 64);
  EXPECT_NEAR(c.peak_bytes_per_ns(), 12.8, 0.01);
}

TEST(DramPresets, Hbm2IsOneLegacyChannel) {
  const DramConfig c = config([](DramSpec& s) { s.preset = "hbm2"; });
  EXPECT_EQ(c.preset, "HBM2");
  EXPECT_EQ(c.timing.tCK_ps, 1000);
  EXPECT_EQ(c.org.bus_bits, 128);
  EXPECT_EQ(c.org.burst_bytes(), 64);
  EXPECT_EQ(c.org.capacity_bytes(), 512ull << 20);
  EXPECT_NEAR(c.peak_bytes_per_ns(), 32.0, 0.01);
}

TEST(DramPresets, EveryPresetIsConsistent) {
  for (const DramPreset& p : dram_presets()) {
    EXPECT_TRUE(find_problems(config([&](DramSpec& s) { s.preset = std::string(p.name); })).empty()) << p.name;
    EXPECT_FALSE(p.source.empty()) << p.name;
  }
}

TEST(DramConfigKeys, OverridesFromAFileLandInTheResolvedConfig) {
  const ResolvedConfig rc = load_config(data("good_overrides.yaml"), {});
  const DramConfig c = make_dram_config(rc.arch.dram);
  EXPECT_EQ(c.preset, "HBM2");
  EXPECT_EQ(c.org.channels, 8);
  EXPECT_FALSE(c.refresh);
  EXPECT_EQ(c.timing.tRCD, 15);
  EXPECT_EQ(c.timing.tCK_ps, 1250);
  EXPECT_EQ(c.timing.CL, 14);  // untouched: the preset's
  EXPECT_EQ(c.org.rows, 16384);
  // The dump writes overrides as numbers and everything else as auto, and reads back the same.
  EXPECT_NE(rc.yaml.find("    tRCD: 15 cycles\n"), std::string::npos) << rc.yaml;
  EXPECT_NE(rc.yaml.find("    tRP: auto\n"), std::string::npos);
  EXPECT_NE(rc.yaml.find("  preset: HBM2\n"), std::string::npos);
}

TEST(DramConfigKeys, SetOverridesAndDrainMarks) {
  const ArchSpec a = load_config("", {"dram.timing.tRCD=20", "dram.write_queue=40", "dram.write_drain_high=0.5",
                                      "dram.write_drain_low=0.1", "dram.page_policy=closed"})
                         .arch;
  const DramConfig c = make_dram_config(a.dram);
  EXPECT_EQ(c.timing.tRCD, 20);
  EXPECT_EQ(c.drain_high, 20);
  EXPECT_EQ(c.drain_low, 4);
  EXPECT_EQ(c.page_policy, PagePolicy::Closed);
  EXPECT_TRUE(c.refresh);  // the default
  EXPECT_EQ(c.fixed_latency, 61);  // 50 ns at 0.833 ns, rounded up
}

struct BadDram {
  const char* name;
  const char* file;  // under tests/data/dram/, or "" for none
  std::vector<std::string> sets;
  const char* where;  // "file.yaml:LINE" or "--set ..."
  const char* key;
  const char* also;
};

// clang-format off
const BadDram kBad[] = {
    {"trc_below_tras_plus_trp", "bad_trc.yaml", {}, "bad_trc.yaml:3", "dram.timing.tRC", "tRAS + tRP"},
    {"tfaw_below_four_trrd", "bad_tfaw.yaml", {}, "bad_tfaw.yaml:4", "dram.timing.tFAW", "4 x tRRD_S"},
    {"columns_not_power_of_two", "bad_columns.yaml", {}, "bad_columns.yaml:3", "dram.org.columns", "power of two"},
    {"burst_bigger_than_row", "bad_burst.yaml", {}, "bad_burst.yaml:3", "dram.org.burst_length", "bigger than a row"},
    {"line_bigger_than_row", "bad_line.yaml", {}, "bad_line.yaml:5", "l2.line_bytes", "bigger than a DRAM row"},
    {"trrd_l_below_trrd_s", "bad_trrd.yaml", {}, "bad_trrd.yaml:3", "dram.timing.tRRD_L", "tRRD_S"},
    {"unknown_preset", "bad_preset.yaml", {}, "bad_preset.yaml:2", "dram.preset", "DDR4-2400, LPDDR4-3200, HBM2"},
    {"refresh_not_bool", "bad_refresh.yaml", {}, "bad_refresh.yaml:2", "dram.refresh", "true or false"},
    {"timing_in_ns", "bad_unit.yaml", {}, "bad_unit.yaml:3", "dram.timing.tRCD", "cycles"},
    {"set_tccd_below_burst", "", {"dram.timing.tCCD_S=2"}, "--set dram.timing.tCCD_S=2", "dram.timing.tCCD_S",
     "bursts would overlap"},
    {"set_trefi_below_trfc", "", {"dram.timing.tREFI=400"}, "--set dram.timing.tREFI=400", "dram.timing.tREFI",
     "tRFC"},
    {"set_tras_breaks_trc", "", {"dram.timing.tRAS=50"}, "--set dram.timing.tRAS=50", "dram.timing.tRAS",
     "tRC (56) is less than tRAS + tRP (50 + 17"},
    {"set_bad_mapping", "", {"dram.address_mapping=ro_co"}, "--set dram.address_mapping=ro_co",
     "dram.address_mapping", "ro_ba_bg_co"},
    {"set_rows_not_power_of_two", "", {"dram.org.rows=1000"}, "--set dram.org.rows=1000", "dram.org.rows",
     "power of two"},
};
// clang-format on

void PrintTo(const BadDram& c, std::ostream* os) { *os << c.name; }

class DramBadConfig : public ::testing::TestWithParam<BadDram> {
 protected:
  static std::string path(const BadDram& c) { return *c.file ? data(c.file) : ""; }
};

TEST_P(DramBadConfig, LibraryNamesWhereAndKey) {
  const BadDram& c = GetParam();
  std::string msg;
  try {
    load_config(path(c), c.sets);
    ADD_FAILURE() << "loaded";
  } catch (const ConfigError& e) {
    msg = e.what();
  }
  EXPECT_EQ(msg.find('\n'), std::string::npos) << msg;
  EXPECT_NE(msg.find(std::string(c.where) + ": " + c.key + ": "), std::string::npos) << msg;
  EXPECT_NE(msg.find(c.also), std::string::npos) << msg;
}

TEST_P(DramBadConfig, DramCommandExitsWithStatus2) {
  const BadDram& c = GetParam();
  std::string cmd = systolica::test::systolica_bin() + " dram --trace /dev/null";
  if (*c.file) cmd += " --config '" + path(c) + "'";
  for (const auto& s : c.sets) cmd += " --set '" + s + "'";
  const auto r = systolica::test::run_command(cmd);
  EXPECT_EQ(r.exit_status, 2) << r.err;
  EXPECT_NE(r.err.find(c.key), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << "one line: " << r.err;
}

INSTANTIATE_TEST_SUITE_P(Dram, DramBadConfig, ::testing::ValuesIn(kBad),
                         [](const ::testing::TestParamInfo<BadDram>& info) { return info.param.name; });

}  // namespace
}  // namespace systolica::dram::test
