// `systolica run` end to end, through the real binary: what a user types and what they get back.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/support/run_command.h"

namespace systolica::test {
namespace {

namespace fs = std::filesystem;

fs::path fresh_dir(const std::string& name) {
  const fs::path d = fs::temp_directory_path() / ("systolica-cli-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

nlohmann::json read_json(const fs::path& p) {
  std::ifstream in(p);
  return nlohmann::json::parse(in);
}

// Runs systolica with `args` and --out, expects success, and returns summary.json.
nlohmann::json run_ok(const std::string& args, const std::string& tag) {
  const fs::path out = fresh_dir(tag);
  const CommandResult r = run_command(systolica_bin() + " run --quiet " + args + " --out " + out.string());
  EXPECT_EQ(r.exit_status, 0) << r.err;
  nlohmann::json j = read_json(out / "summary.json");
  fs::remove_all(out);
  return j;
}

// The default run is a whole ResNet-50 inference (batch 1) on the default config.
TEST(CliRun, DefaultRunPrintsAResNetLayerTable) {
  const CommandResult r = run_command(systolica_bin() + " run");
  ASSERT_EQ(r.exit_status, 0) << r.err;
  EXPECT_NE(r.out.find("network resnet50, batch 1: 72 layers, 4089184256 MACs"), std::string::npos) << r.out;
  for (const char* row : {"conv_1 ", "maxpool_1 ", "conv_3 ", "resadd_16 ", "global_avg_pool ", "fc_54 "}) {
    EXPECT_NE(r.out.find(row), std::string::npos) << row;
  }
  EXPECT_NE(r.out.find("memory-bound"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("simulated cycles/s"), std::string::npos) << r.out;
  EXPECT_TRUE(r.err.empty()) << r.err;  // no progress indicator when stderr is not a terminal
}

TEST(CliRun, OutWritesTheJsonContractCsvAndResolvedConfig) {
  const fs::path out = fresh_dir("contract");
  const CommandResult r = run_command(systolica_bin() + " run --quiet --out " + out.string());
  ASSERT_EQ(r.exit_status, 0) << r.err;
  const nlohmann::json j = read_json(out / "summary.json");
  // The contract later issues keep: these names never change.
  ASSERT_TRUE(j["total"]["cycles"].is_number_integer());
  EXPECT_EQ(j["total"]["macs"].get<std::int64_t>(), 4089184256);
  const double util = j["total"]["utilization"].get<double>();
  EXPECT_GT(util, 0.0);
  EXPECT_LE(util, 1.0);
  EXPECT_GE(j["run"]["wall_seconds"].get<double>(), 0.0);
  EXPECT_TRUE(j["run"]["simulated_cycles_per_second"].is_number());
  ASSERT_EQ(j["layers"].size(), 72u);
  std::int64_t cycles = 0;
  for (const auto& l : j["layers"]) {
    SCOPED_TRACE(l["name"].get<std::string>());
    for (const char* key : {"cycles", "macs", "dram_read_bytes", "dram_write_bytes"}) {
      EXPECT_TRUE(l[key].is_number_integer()) << key;
    }
    EXPECT_TRUE(l["utilization"].is_number());
    EXPECT_TRUE(l["bound"] == "compute" || l["bound"] == "memory");
    // The stall parts and the compute cycles add up to the cycles.
    double parts = l["compute_cycles"].get<double>();
    for (const auto& [name, v] : l["stall_cycles"].items()) parts += v.get<double>();
    EXPECT_NEAR(parts, l["cycles"].get<double>(), 1e-6);
    cycles += l["cycles"].get<std::int64_t>();
  }
  EXPECT_EQ(j["layers"][2]["name"], "conv_2");
  EXPECT_EQ(j["layers"][3]["macs"].get<std::int64_t>(), 115605504);  // conv_3: 56*56 * 3*3*64 * 64
  EXPECT_EQ(cycles, j["total"]["cycles"].get<std::int64_t>());

  // layers.csv: a header and one row per layer.
  std::ifstream csv(out / "layers.csv");
  std::string header, row;
  std::getline(csv, header);
  EXPECT_EQ(header.rfind("name,kind,", 0), 0u) << header;
  std::size_t rows = 0;
  while (std::getline(csv, row)) ++rows;
  EXPECT_EQ(rows, 72u);

  // The saved config reproduces the run.
  ASSERT_TRUE(fs::exists(out / "config.yaml"));
  const nlohmann::json again = run_ok("--config " + (out / "config.yaml").string(), "again");
  EXPECT_EQ(again["total"]["cycles"], j["total"]["cycles"]);
  fs::remove_all(out);
}

TEST(CliRun, SetOverridesReachTheArray) {
  const nlohmann::json small = run_ok("--gemm 64,64,64 --set array.rows=8 --set array.cols=8", "set8");
  EXPECT_EQ(small["arch"]["rows"], 8);
  EXPECT_EQ(small["arch"]["cols"], 8);
  const nlohmann::json os = run_ok("--gemm 64,64,64 --set array.dataflow=os", "setos");
  EXPECT_EQ(os["arch"]["dataflow"], "os");
}

// Exact cycles of small cases on the array alone (--ideal-memory); each derivation follows
// docs/systolic_array.md.
TEST(CliRun, ExactCyclesOfSmallGemms) {
  // WS, 4x4 array, one tile m=5, k=3, n=2: p = 0, s = p + 1 = 1,
  // done = s + (m-1) + (R-1) + (n-1) = 1 + 4 + 3 + 1 = 9, so 10 cycles.
  EXPECT_EQ(run_ok("--ideal-memory --gemm 5,2,3 --set array.rows=4 --set array.cols=4", "ws1")["total"]["cycles"], 10);

  // WS, default 16x16, an FC layer M=1, N=32, K=32: four tiles (n-block, k-block) of m=1, k=16, n=16.
  //   t0: p=0,  s=1,  done = 1 + 0 + 15 + 15 = 31
  //   t1: p = max(0 + 16, 1 + 16) = 17,  s = max(1 + 1, 17 + 1) = 18, done = 48
  //   t2: p = max(17 + 16, 18 + 16) = 34, s = 35, done = 65
  //   t3: p = max(34 + 16, 35 + 16) = 51, s = 52, done = 82  -> 83 cycles; the preload is exposed.
  EXPECT_EQ(run_ok("--ideal-memory --gemm 1,32,32", "fc")["total"]["cycles"], 83);

  // OS, 4x4 array, one tile m=3, n=2, k=20: s = 0, last MAC e = 0 + 19 + 2 + 1 = 22,
  // drain of R = 4 cycles: done = 26, so 27 cycles.
  EXPECT_EQ(run_ok("--ideal-memory --gemm 3,2,20 --set array.dataflow=os --set array.rows=4 --set array.cols=4", "os1")
                ["total"]["cycles"],
            27);

  // OS, 4x4 array, M=6, N=2, K=5: tiles m=4 then m=2 (n=2, k=5).
  //   t0: s = 0, edges busy to 5, e = 0 + 4 + 3 + 1 = 8, done = 8 + 4 = 12
  //   t1: s = max(0 + 5, done0 + 2 - k = 9) = 9 (waits for the drain), e = 9 + 4 + 1 + 1 = 15, done = 19
  //   -> 20 cycles.
  EXPECT_EQ(run_ok("--ideal-memory --gemm 6,2,5 --set array.dataflow=os --set array.rows=4 --set array.cols=4", "os2")
                ["total"]["cycles"],
            20);
}

TEST(CliRun, FunctionalRunsMatchADirectConvolutionInEveryDataflow) {
  for (const char* df : {"ws", "os", "is"}) {
    SCOPED_TRACE(df);
    const CommandResult r = run_command(systolica_bin() + " run --functional --conv 9,7,5,6,3,3,2,1" +
                                        " --set array.rows=4 --set array.cols=3 --set array.dataflows=[ws,os,is]" +
                                        " --set array.dataflow=" + df);
    ASSERT_EQ(r.exit_status, 0) << r.err;
    EXPECT_NE(r.out.find("exact"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("MISMATCH"), std::string::npos) << r.out;
  }
}

TEST(CliRun, BadCommandLinesExitWithStatusTwoAndSayWhy) {
  const struct {
    std::string args;
    std::string expect;
  } cases[] = {
      {"--gemm 1,2", "--gemm"},
      {"--gemm a,2,3", "m = 'a'"},
      {"--gemm 0,2,3", "m = '0'"},
      {"--gemm m=1,n=2,q=3", "unknown field 'q'"},
      {"--conv 5,5,3,8,7,7", "kernel_h"},
      {"--conv 56,56,64,64,3,3,0,1", "stride"},
      {"--gemm 1,2,3 --conv 5,5,3,8,3,3", "at most one"},
      {"--compat fast", "--compat"},
      {"--topology /nonexistent/layers.csv", "/nonexistent/layers.csv"},
      {"--compat scalesim", "unpadded"},
      {"--functional --compat scalesim --gemm 4,4,4", "--functional"},
      {"--no-such-flag", "--no-such-flag"},
      {"--set partition.strategy=diagonal", "partition.strategy"},
      {"--set cores=2 --set mapping.conv1.partition=pipeline", "mapping.conv1.partition"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.args);
    const CommandResult r = run_command(systolica_bin() + " run " + c.args);
    EXPECT_EQ(r.exit_status, 2);
    EXPECT_NE(r.err.find(c.expect), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << "one line: " << r.err;
  }
}

TEST(CliRun, HelpIsThereForANewUser) {
  const CommandResult top = run_command(systolica_bin() + " --help");
  EXPECT_EQ(top.exit_status, 0);
  EXPECT_NE(top.out.find("run"), std::string::npos);
  const CommandResult run = run_command(systolica_bin() + " run --help");
  EXPECT_EQ(run.exit_status, 0);
  EXPECT_NE(run.out.find("Usage: systolica run [OPTIONS]"), std::string::npos) << run.out;
  for (const char* s : {"--gemm", "--conv", "--topology", "--config", "--set", "--out", "--compat",
                        "--ideal-memory", "Examples"}) {
    EXPECT_NE(run.out.find(s), std::string::npos) << s;
  }
  const CommandResult none = run_command(systolica_bin());
  EXPECT_EQ(none.exit_status, 2);
}

// The acceptance check of SCALE-Sim compatibility: each reference row run as a one-layer topology.
TEST(CliRun, ScaleSimCompatReproducesEveryReferenceRow) {
  std::ifstream ref(source_dir() + "/tests/data/scalesim/scalesim_micro.csv");
  ASSERT_TRUE(ref) << "missing tests/data/scalesim/scalesim_micro.csv";
  std::string line;
  std::getline(ref, line);  // header
  int rows = 0;
  while (std::getline(ref, line)) {
    if (line.empty()) continue;
    std::vector<std::string> f;
    std::stringstream ss(line);
    for (std::string cell; std::getline(ss, cell, ',');) f.push_back(cell);
    ASSERT_GE(f.size(), 12u);
    SCOPED_TRACE(f[0]);
    const fs::path dir = fresh_dir("scalesim-" + f[0]);
    std::ofstream(dir / "topology.csv") << "Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, "
                                           "Channels, Num Filter, Strides,\n"
                                        << f[0] << ", " << f[1] << ", " << f[2] << ", " << f[3] << ", " << f[4]
                                        << ", " << f[5] << ", " << f[6] << ", " << f[7] << ",\n";
    const nlohmann::json j = run_ok("--topology " + (dir / "topology.csv").string() +
                                        " --compat scalesim --set array.rows=" + f[8] + " --set array.cols=" +
                                        f[9] + " --set array.dataflow=" + f[10],
                                    "scalesim-run");
    EXPECT_EQ(j["total"]["cycles"].get<std::int64_t>(), std::stoll(f[11]));
    fs::remove_all(dir);
    ++rows;
  }
  EXPECT_EQ(rows, 8);
}

}  // namespace
}  // namespace systolica::test
