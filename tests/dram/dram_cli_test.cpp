// `systolica dram` end to end, through the real binary: the summary.json contract, the unloaded
// latencies, identical numbers to the plain-C++ replay (so the SystemC module adds no timing of its
// own), and bad traces refused with exit status 2 and file:line.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "sim/dram/trace_generator.h"
#include "sim/dram/trace_reader.h"
#include "tests/dram/dram_test_util.h"
#include "tests/support/run_command.h"

namespace systolica::dram::test {
namespace {

namespace fs = std::filesystem;
using systolica::test::run_command;
using systolica::test::systolica_bin;

class DramCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("systolica-dram-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string write(const std::string& name, const std::string& text) {
    std::ofstream((dir_ / name).string()) << text;
    return (dir_ / name).string();
  }
  // Runs `systolica dram` on `trace` with `args`; returns summary.json (or null if it failed).
  nlohmann::json run(const std::string& trace, const std::string& args = "") {
    const auto r = run_command(systolica_bin() + " dram --trace '" + trace + "' --out '" + (dir_ / "out").string() +
                               "' " + args);
    EXPECT_EQ(r.exit_status, 0) << r.err;
    if (r.exit_status != 0) return nullptr;
    last_out_ = r.out;
    return nlohmann::json::parse(std::ifstream((dir_ / "out" / "summary.json").string()));
  }
  fs::path dir_;
  std::string last_out_;
};

TEST_F(DramCli, UnloadedLatenciesAreTheFormulasPlusTheFrontEnd) {
  // Closed bank, then a row hit 1 us later, then a conflict (row 1 of bank 0 = 128 KiB) 1 us after that.
  const auto j = run(write("unloaded.trace", "R 0x0 0\nR 0x40 1000\nR 0x20000 2000\n"), "--set dram.refresh=false");
  ASSERT_FALSE(j.is_null());
  EXPECT_EQ(j["read_latency_histogram"], nlohmann::json::parse("[[22, 1], [39, 1], [56, 1]]"));
  EXPECT_EQ(j["frontend_latency_cycles"], 1);
  EXPECT_EQ(j["read_latency_p99_cycles"], 56);
  EXPECT_DOUBLE_EQ(j["read_latency_avg_cycles"].get<double>(), (22 + 39 + 56) / 3.0);
  EXPECT_EQ(j["commands"], nlohmann::json::parse(R"({"ACT": 2, "PRE": 1, "RD": 3, "WR": 0, "REF": 0,
                                                     "PREA": 0, "RDA": 0, "WRA": 0})"));
  EXPECT_DOUBLE_EQ(j["row_hit_rate"].get<double>(), 1.0 / 3);
}

TEST_F(DramCli, SummaryJsonHasTheContractedKeys) {
  const auto j = run(write("t.trace", "# mixed\nR 0x0\nW 0x40\nR 0x80 100\n"));
  ASSERT_FALSE(j.is_null());
  for (const char* key : {"bandwidth_gbps", "read_latency_avg_cycles", "read_latency_p99_cycles", "row_hit_rate",
                          "write_latency_avg_cycles", "requests", "reads", "writes", "sim_cycles", "wall_seconds",
                          "cpu_seconds", "requests_per_cpu_second", "per_bank", "preset", "address_mapping"}) {
    EXPECT_TRUE(j.contains(key)) << key;
  }
  for (const char* c : {"ACT", "PRE", "RD", "WR", "REF"}) EXPECT_TRUE(j["commands"].contains(c)) << c;
  EXPECT_EQ(j["preset"], "DDR4-2400");
  EXPECT_EQ(j["address_mapping"], "ro_ba_bg_co");
  EXPECT_EQ(j["requests"], 3);
  EXPECT_EQ(j["answered"], 3);
  EXPECT_EQ(j["bytes_requested"], j["bytes_answered"]);
  EXPECT_GT(j["bandwidth_gbps"].get<double>(), 0);
  EXPECT_EQ(j["per_bank"].size(), 16u);
  EXPECT_NE(last_out_.find("bandwidth"), std::string::npos);
  EXPECT_TRUE(fs::exists(dir_ / "out" / "config.yaml"));
}

// The SystemC module and the plain replay make the same decisions cycle for cycle.
TEST_F(DramCli, SameNumbersAsThePlainReplay) {
  struct Case {
    const char* trace;
    double interval;
    const char* sets;
    std::function<void(DramSpec&)> tweak;
  };
  const Case cases[] = {
      {"mixed_skewed", 8, "", [](DramSpec& s) { s.refresh = true; }},
      {"rand_rd", 0, "--set dram.preset=LPDDR4-3200", [](DramSpec& s) { s.refresh = true; s.preset = "LPDDR4-3200"; }},
      {"seq_wr", 0, "--set dram.channels=2 --set dram.page_policy=closed",
       [](DramSpec& s) { s.refresh = true; s.channels = 2; s.page_policy = "closed"; }},
  };
  for (const Case& c : cases) {
    const auto trace = generate_trace({c.trace, c.interval, 20000});
    std::ostringstream text;
    write_trace(text, trace);
    const auto j = run(write(std::string(c.trace) + ".trace", text.str()), c.sets);
    ASSERT_FALSE(j.is_null());
    DramRun plain(config(c.tweak));
    const ReplayResult r = plain.replay(trace);
    EXPECT_EQ(j["sim_cycles"], r.end_cycle) << c.trace;
    EXPECT_DOUBLE_EQ(j["read_latency_avg_cycles"].get<double>(), r.stats.read_latency.mean()) << c.trace;
    EXPECT_DOUBLE_EQ(j["write_latency_avg_cycles"].get<double>(), r.stats.write_latency.mean()) << c.trace;
    EXPECT_EQ(j["commands"]["ACT"], r.stats.commands.act) << c.trace;
    EXPECT_EQ(j["commands"]["REF"], r.stats.commands.ref) << c.trace;
    EXPECT_EQ(j["row_hits"], r.stats.row_hits) << c.trace;
  }
}

TEST_F(DramCli, GenerateWritesDramMdTraces) {
  const std::string path = (dir_ / "g.trace").string();
  const auto r = run_command(systolica_bin() + " dram --generate stride4k_rd --interval 8 --requests 10 --trace '" +
                             path + "'");
  ASSERT_EQ(r.exit_status, 0) << r.err;
  const auto t = read_trace(path, 0);
  ASSERT_EQ(t.size(), 10u);
  EXPECT_EQ(t[9].address, 9u * 4096);
  EXPECT_EQ(t[9].time_ps, 72000);
  const auto bad = run_command(systolica_bin() + " dram --generate nonsense --trace '" + path + "'");
  EXPECT_EQ(bad.exit_status, 2);
  EXPECT_NE(bad.err.find("unknown trace 'nonsense'"), std::string::npos) << bad.err;
}

struct BadTrace {
  const char* name;
  const char* text;  // nullptr: the path does not exist
  const char* must_say;
};

TEST_F(DramCli, BadTracesExitWithStatus2AndSayWhere) {
  const BadTrace cases[] = {
      {"malformed", "R 0x0\nR 0x40 soon\n", ":2: 'soon' is not a time"},
      {"not_rw", "# ok\nX 0x0\n", ":2: 'X' is not R or W"},
      {"beyond_capacity", "R 0x0\nW 0x200000000\n", ":2: address 0x200000000 is beyond the DRAM capacity"},
      {"empty", "# nothing here\n", "the trace has no requests"},
      {"missing", nullptr, "cannot read trace"},
  };
  for (const BadTrace& c : cases) {
    const std::string path = c.text ? write(std::string(c.name) + ".trace", c.text) : (dir_ / "nope.trace").string();
    const auto r = run_command(systolica_bin() + " dram --trace '" + path + "'");
    EXPECT_EQ(r.exit_status, 2) << c.name << ": " << r.err;
    EXPECT_NE(r.err.find(c.must_say), std::string::npos) << c.name << ": " << r.err;
    EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << c.name << " one line: " << r.err;
  }
  const auto none = run_command(systolica_bin() + " dram");
  EXPECT_EQ(none.exit_status, 2);
  // The capacity follows the config: 2 GiB of LPDDR4 refuses what 8 GiB of DDR4 takes.
  const std::string big = write("big.trace", "R 0x100000000\n");
  EXPECT_EQ(run_command(systolica_bin() + " dram --trace '" + big + "'").exit_status, 0);
  EXPECT_EQ(run_command(systolica_bin() + " dram --trace '" + big + "' --set dram.preset=LPDDR4-3200").exit_status, 2);
}

}  // namespace
}  // namespace systolica::dram::test
