// Several cores sharing a network: functional runs give bit-identical tensors whatever the split and core
// count, every MAC is done once, small cases take exactly the cycles the array's timing gives one core's
// part, shared memory shows up as contention, and the reports describe every core. One SystemC simulation
// per test in process (gtest_discover_tests runs each TEST in its own process); more through the CLI.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <tuple>

#include "sim/config/config_loader.h"
#include "sim/run/run_driver.h"
#include "tests/support/run_command.h"
#include "workloads/models/model_zoo.h"

namespace systolica::test {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

fs::path fresh_dir(const std::string& name) {
  const fs::path d = fs::temp_directory_path() / ("systolica-mc-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

json run_ok(const std::string& args, const std::string& tag, std::string* out_text = nullptr) {
  const fs::path out = fresh_dir(tag);
  const CommandResult r =
      run_command(systolica_bin() + " run " + (out_text ? "" : "--quiet ") + args + " --out " + out.string());
  EXPECT_EQ(r.exit_status, 0) << r.err;
  if (out_text != nullptr) *out_text = r.out;
  std::ifstream in(out / "summary.json");
  json j = json::parse(in);
  fs::remove_all(out);
  return j;
}

std::int64_t cycles(const json& j) {
  return j["total"]["cycles"].get<std::int64_t>();
}

// ---- Functional equivalence: every layer's output tensor equals the reference network's, bit for bit.

struct Case {
  std::string model;
  int batch;
  std::string strategy;
  int cores;
};

class MulticoreFunctional : public ::testing::TestWithParam<Case> {};

TEST_P(MulticoreFunctional, EveryLayerBitIdenticalToTheReference) {
  const Case& c = GetParam();
  const Network net = make_model(c.model, c.batch, 32);
  RunOptions options;
  options.functional = true;
  options.seed = 11;
  const ArchSpec arch =
      load_config("", {"cores=" + std::to_string(c.cores), "partition.strategy=" + c.strategy}).arch;
  const RunResult r = run_network(arch, net, options);
  ASSERT_EQ(r.layers.size(), net.layers.size());
  ASSERT_EQ(r.cores.size(), static_cast<std::size_t>(c.cores));
  for (const LayerResult& l : r.layers) {
    ASSERT_TRUE(l.functional_match.has_value()) << l.layer.name;
    EXPECT_TRUE(*l.functional_match) << l.layer.name;
    // Every MAC once: the parts add up to the layer.
    std::int64_t macs = 0;
    for (const LayerPart& p : l.parts) macs += p.macs;
    EXPECT_EQ(macs, l.layer.macs()) << l.layer.name;
    EXPECT_EQ(l.macs, l.layer.macs()) << l.layer.name;
  }
  EXPECT_EQ(r.total_macs, net.macs());
  std::int64_t core_macs = 0;
  for (const CoreResult& k : r.cores) {
    core_macs += k.macs;
    EXPECT_LE(k.busy_cycles + k.waited_cycles, r.total_cycles);
  }
  EXPECT_EQ(core_macs, net.macs());
  // The loads went through the cores' DMA engines and the memory system (not an ideal memory).
  ASSERT_TRUE(r.traffic.has_value());
  EXPECT_GT(r.traffic->dma_load_bytes, 0u);
}

void PrintTo(const Case& c, std::ostream* os) {
  *os << c.model << " batch " << c.batch << ", " << c.strategy << " on " << c.cores << " cores";
}

std::string case_name(const ::testing::TestParamInfo<Case>& info) {
  return info.param.model + "_b" + std::to_string(info.param.batch) + "_" + info.param.strategy + "_" +
         std::to_string(info.param.cores) + "cores";
}

INSTANTIATE_TEST_SUITE_P(
    Splits, MulticoreFunctional,
    ::testing::Values(Case{"resnet18", 2, "channels", 2}, Case{"resnet18", 2, "channels", 3},
                      Case{"resnet18", 2, "channels", 16}, Case{"resnet18", 2, "rows", 2},
                      Case{"resnet18", 2, "rows", 3}, Case{"resnet18", 2, "rows", 16},
                      Case{"resnet18", 2, "batch", 2}, Case{"resnet18", 3, "batch", 2},
                      Case{"resnet18", 2, "pipeline", 3}, Case{"resnet18", 3, "pipeline", 16},
                      Case{"resnet18", 2, "auto", 4}, Case{"mobilenetv2", 1, "channels", 4},
                      Case{"mobilenetv2", 1, "rows", 5}, Case{"mobilenetv2", 2, "batch", 2},
                      Case{"mobilenetv2", 2, "pipeline", 4}),
    case_name);

// ---- Exact cycles of small cases (ideal memory: the array alone; derivations as in cli_run_test.cpp).

TEST(MulticoreCycles, SmallSplitsTakeTheirPartsCycles) {
  // FC M=1, N=32, K=32 on one core: four 16x16 tiles, 83 cycles. Split by channels over two cores, each
  // core runs N=16: two tiles (k-blocks) of m=1, k=16, n=16:
  //   t0: p = 0, s = 1, done = 1 + 0 + 15 + 15 = 31
  //   t1: p = max(0 + 16, 1 + 16) = 17, s = max(1 + 1, 17 + 1) = 18, done = 18 + 0 + 15 + 15 = 48
  // -> 49 cycles on both cores, which start together.
  const json fc = run_ok("--ideal-memory --gemm 1,32,32 --set cores=2", "fc2");
  EXPECT_EQ(cycles(fc), 49);
  EXPECT_EQ(fc["layers"][0]["split"], "channels");
  // Rows cannot split one output row: the same channel split.
  EXPECT_EQ(
      cycles(run_ok("--ideal-memory --gemm 1,32,32 --set cores=2 --set partition.strategy=rows", "fc2r")),
      49);

  // M=16, N=32, K=16 by channels: each core one tile m=16, k=16, n=16: p = 0, s = 1,
  // done = 1 + 15 + 15 + 15 = 46 -> 47 cycles.
  EXPECT_EQ(cycles(run_ok("--ideal-memory --gemm 16,32,16 --set cores=2", "g2c")), 47);
  // By rows: each core m=8, k=16, n=32, two n-tiles:
  //   t0: p = 0, s = 1, done = 1 + 7 + 15 + 15 = 38
  //   t1: p = max(0 + 16, 1 + 16) = 17, s = max(1 + 8, 17 + 1) = 18, done = 18 + 7 + 15 + 15 = 55 -> 56.
  const json rows =
      run_ok("--ideal-memory --gemm 16,32,16 --set cores=2 --set partition.strategy=rows", "g2r");
  EXPECT_EQ(cycles(rows), 56);
  const json& parts = rows["layers"][0]["parts"];
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0]["rows"], json({0, 8}));
  EXPECT_EQ(parts[1]["rows"], json({8, 16}));
  EXPECT_EQ(parts[1]["cycles"], 56);
  EXPECT_EQ(rows["layers"][0]["imbalance"], 1.0);
}

// ---- Contention: the cores share the L2, the interconnect and DRAM.

TEST(MulticoreContention, CoresSplittingRowsWaitForTheSharedDram) {
  // A pointwise conv, 56x56x256 -> 64, no L2: 51.4 M MACs, 200 k cycles of array work on one core. Alone,
  // the core hides its loads behind compute (memory adds about 1%). Four cores each with a quarter of the
  // rows do a quarter of the work but share the DRAM channel, whose bandwidth now binds.
  const std::string layer = "--conv 56,56,256,64,1,1 --set l2.size=0 --set partition.strategy=rows";
  const double one = static_cast<double>(cycles(run_ok(layer, "pw1")));
  const double ideal1 = static_cast<double>(cycles(run_ok(layer + " --ideal-memory", "pw1i")));
  const double four = static_cast<double>(cycles(run_ok(layer + " --set cores=4", "pw4")));
  const double ideal4 = static_cast<double>(cycles(run_ok(layer + " --ideal-memory --set cores=4", "pw4i")));
  EXPECT_GT(ideal1 / ideal4, 3.9);  // the arrays alone scale
  EXPECT_LT(one / ideal1, 1.05);
  EXPECT_GT(four / ideal4, 1.2);  // memory costs four cores far more than one
  EXPECT_LT(four, one);
}

TEST(MulticoreContention, AChannelSplitReadsTheInputOncePerCoreUnlessTheL2SharesIt) {
  // Split by output channels, every core reads the whole input (56 x 56 x 256 = 802,816 B) and its
  // 16-channel slice of the weights, which whole 64-byte lines carry (256 rows x 64 B = 16,384 B): one core
  // reads 819,200 B from DRAM, four cores without an L2 exactly four times that, and run slower than one.
  const std::string layer = "--conv 56,56,256,64,1,1";
  const json one = run_ok(layer + " --set l2.size=0", "ch1");
  const json four = run_ok(layer + " --set l2.size=0 --set cores=4", "ch4");
  EXPECT_EQ(one["total"]["dram_read_bytes"], 819200);
  EXPECT_EQ(four["total"]["dram_read_bytes"], 4 * 819200);
  EXPECT_GT(cycles(four), cycles(one));
  // With the default 512 KiB L2, one core's miss serves the others' requests for the same line (MSHR
  // merges): DRAM reads stay near one core's and the split pays off.
  const json shared = run_ok(layer + " --set cores=4", "ch4l2");
  std::int64_t merges = 0;
  for (const auto& [core, c] : shared["total"]["memory"]["l2"]["by_core"].items()) {
    merges += c["mshr_merges"].get<std::int64_t>();
  }
  EXPECT_GT(merges, 0);
  EXPECT_LT(shared["total"]["dram_read_bytes"].get<double>(), 1.5 * 819200);
  EXPECT_LT(cycles(shared), cycles(one) / 2);
}

// ---- Reports.

TEST(MulticoreReport, EveryCoreIsAccountedForAndTheTableShowsThem) {
  std::string text;
  const json j =
      run_ok("--model resnet18 --resolution 32 --set cores=3 --set partition.strategy=rows", "rep", &text);
  ASSERT_EQ(j["cores"].size(), 3u);
  for (const json& c : j["cores"]) {
    // Busy, waiting and idle make up the run, exactly.
    EXPECT_EQ(c["busy_cycles"].get<std::int64_t>() + c["waited_cycles"].get<std::int64_t>() +
                  c["idle_cycles"].get<std::int64_t>(),
              cycles(j));
    EXPECT_GT(c["utilization"].get<double>(), 0);
  }
  EXPECT_EQ(j["total"]["cores"], 3);
  EXPECT_GE(j["total"]["imbalance"].get<double>(), 1.0);
  EXPECT_FALSE(j["total"]["layers_overlap"].get<bool>());
  // A layer's split cycles are its span; its stalls still add up to them.
  for (const json& l : j["layers"]) {
    double sum = l["compute_cycles"].get<double>();
    for (const auto& [k, v] : l["stall_cycles"].items()) sum += v.get<double>();
    EXPECT_NEAR(sum, l["cycles"].get<double>(), 1e-6) << l["name"];
    EXPECT_GE(l["imbalance"].get<double>(), 1.0 - 1e-9);
  }
  EXPECT_NE(text.find("3 cores, partition rows"), std::string::npos) << text;
  EXPECT_NE(text.find("busy cycles"), std::string::npos);
}

TEST(MulticoreReport, APipelineOverlapsImagesAndPricesMemoryForTheRun) {
  const std::string net = "--model resnet18 --resolution 32 --batch 4";
  const json one = run_ok(net, "pipe1");
  const json pipe = run_ok(net + " --set cores=4 --set partition.strategy=pipeline", "pipe4");
  EXPECT_TRUE(pipe["total"]["layers_overlap"].get<bool>());
  std::int64_t layer_cycles = 0;
  for (const json& l : pipe["layers"]) {
    EXPECT_EQ(l["split"], "pipeline");
    EXPECT_EQ(l["parts"].size(), 4u);  // one per image, on the layer's stage
    std::set<int> cores;
    for (const json& p : l["parts"]) cores.insert(p["core"].get<int>());
    EXPECT_EQ(cores.size(), 1u);
    layer_cycles += l["cycles"].get<std::int64_t>();
  }
  // Stages work on different images at once: the run is shorter than its layers one after another.
  EXPECT_LT(cycles(pipe), layer_cycles);
  EXPECT_LT(cycles(pipe), cycles(one));
  // Energy still adds up: the layers plus what belongs to the run as a whole.
  double sum = 0;
  for (const json& l : pipe["layers"]) sum += l["energy_pj"].get<double>();
  EXPECT_GT(pipe["total"]["energy_pj"].get<double>(), sum);
}

TEST(MulticoreReport, ABatchSplitGivesEachCoreItsImages) {
  const json j = run_ok(
      "--model resnet18 --resolution 32 --batch 4 --set cores=4 --set partition.strategy=batch", "batch4");
  for (const json& l : j["layers"]) {
    EXPECT_EQ(l["split"], "batch");
    ASSERT_EQ(l["parts"].size(), 4u);
    for (int k = 0; k < 4; ++k) EXPECT_EQ(l["parts"][k]["images"], json({k, k + 1}));
  }
}

TEST(MulticoreReport, OneCoreReportsNoParts) {
  const json j = run_ok("--gemm 16,16,16", "one");
  EXPECT_EQ(j["total"]["cores"], 1);
  EXPECT_FALSE(j.contains("cores"));
  EXPECT_FALSE(j["layers"][0].contains("parts"));
}

// ---- Bad input.

TEST(MulticoreInput, BadStrategiesExitWithStatusTwoAndSayWhy) {
  const struct {
    std::string args, expect;
  } cases[] = {
      {"--set partition.strategy=diagonal", "channels"},
      {"--set cores=2 --set partition.strategy=pipeline --set mapping.fc_21.partition=rows",
       "mapping.fc_21.partition"},
      {"--set mapping.conv_1.partition=pipeline", "channels, rows, batch, auto"},
      {"--set cores=0", "cores"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.args);
    const CommandResult r =
        run_command(systolica_bin() + " run --quiet --model resnet18 --resolution 32 " + c.args);
    EXPECT_EQ(r.exit_status, 2);
    EXPECT_NE(r.err.find(c.expect), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << "one line: " << r.err;
  }
}

TEST(MulticoreInput, APerLayerPinOverridesTheNetworkStrategy) {
  const json j =
      run_ok("--model resnet18 --resolution 32 --set cores=2 --set mapping.conv_1.partition=rows", "pin");
  for (const json& l : j["layers"]) {
    if (l["name"] == "conv_1") {
      EXPECT_EQ(l["split"], "rows");
    } else if (l["kind"] == "conv") {
      EXPECT_EQ(l["split"], "channels");
    }
  }
}

}  // namespace
}  // namespace systolica::test
