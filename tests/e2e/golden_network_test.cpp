// End-to-end regressions: a small network through the real binary and the whole memory system, every
// layer's cycles and traffic pinned in
// tests/data/networks/golden/ (see the README there for when and how to regenerate them).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <tuple>
#include <nlohmann/json.hpp>

#include "tests/support/run_command.h"

namespace systolica::test {
namespace {

namespace fs = std::filesystem;

// (golden name, the option that reads the network, its file in the source tree, dataflow)
using GoldenCase = std::tuple<const char*, const char*, const char*, const char*>;
class GoldenNetwork : public ::testing::TestWithParam<GoldenCase> {};

TEST_P(GoldenNetwork, EveryLayerMatchesItsGoldenCycles) {
  const auto [name, option, file, df_c] = GetParam();
  const std::string df = df_c;
  const fs::path out = fs::temp_directory_path() / ("systolica-golden-" + df + "-" + std::to_string(::getpid()));
  fs::remove_all(out);
  const CommandResult r = run_command(systolica_bin() + " run --quiet " + option + " " + source_dir() + "/" + file +
                                      " --set array.dataflows=[ws,os,is] --set array.dataflow=" + df + " --out " +
                                      out.string());
  ASSERT_EQ(r.exit_status, 0) << r.err;
  std::ifstream got_in(out / "summary.json");
  std::ifstream want_in(source_dir() + "/tests/data/networks/golden/" + name + "_" + df + ".json");
  ASSERT_TRUE(got_in && want_in);
  const nlohmann::json got = nlohmann::json::parse(got_in);
  const nlohmann::json want = nlohmann::json::parse(want_in);
  ASSERT_EQ(got["layers"].size(), want["layers"].size());
  for (std::size_t i = 0; i < want["layers"].size(); ++i) {
    SCOPED_TRACE(want["layers"][i]["name"].get<std::string>());
    EXPECT_EQ(got["layers"][i]["name"], want["layers"][i]["name"]);
    for (const char* key : {"cycles", "macs", "dram_read_bytes", "dram_write_bytes", "l2_hits", "l2_misses"}) {
      EXPECT_EQ(got["layers"][i][key], want["layers"][i][key]) << key;
    }
  }
  EXPECT_EQ(got["total"]["cycles"], want["total_cycles"]);
  fs::remove_all(out);
}

INSTANTIATE_TEST_SUITE_P(Dataflows, GoldenNetwork,
                         ::testing::Combine(::testing::Values("tiny_net"), ::testing::Values("--topology"),
                                            ::testing::Values("tests/data/networks/tiny_net.csv"),
                                            ::testing::Values("ws", "os", "is")),
                         [](const auto& info) { return std::string(std::get<3>(info.param)); });
// A graph with every operator: residual adds, pooling, depthwise, grouped and dilated convs, an FC.
INSTANTIATE_TEST_SUITE_P(EveryOperator, GoldenNetwork,
                         ::testing::Combine(::testing::Values("every_op"), ::testing::Values("--layers"),
                                            ::testing::Values("tests/data/networks/every_op.yaml"),
                                            ::testing::Values("ws", "os", "is")),
                         [](const auto& info) { return std::string(std::get<3>(info.param)); });

// The same network on four cores under each strategy: every layer's cycles and traffic, and every core's
// busy and waiting cycles (tests/data/networks/golden/every_op_4cores_<strategy>.json).
class GoldenMulticore : public ::testing::TestWithParam<const char*> {};

TEST_P(GoldenMulticore, EveryLayerAndCoreMatchesItsGolden) {
  const std::string strategy = GetParam();
  const fs::path out =
      fs::temp_directory_path() / ("systolica-golden-mc-" + strategy + "-" + std::to_string(::getpid()));
  fs::remove_all(out);
  const CommandResult r = run_command(systolica_bin() + " run --quiet --layers " + source_dir() +
                                      "/tests/data/networks/every_op.yaml --batch 2 --set cores=4" +
                                      " --set partition.strategy=" + strategy + " --out " + out.string());
  ASSERT_EQ(r.exit_status, 0) << r.err;
  std::ifstream got_in(out / "summary.json");
  std::ifstream want_in(source_dir() + "/tests/data/networks/golden/every_op_4cores_" + strategy + ".json");
  ASSERT_TRUE(got_in && want_in);
  const nlohmann::json got = nlohmann::json::parse(got_in);
  const nlohmann::json want = nlohmann::json::parse(want_in);
  ASSERT_EQ(got["layers"].size(), want["layers"].size());
  for (std::size_t i = 0; i < want["layers"].size(); ++i) {
    SCOPED_TRACE(want["layers"][i]["name"].get<std::string>());
    for (const char* key : {"name", "cycles", "macs", "split"}) {
      EXPECT_EQ(got["layers"][i][key], want["layers"][i][key]) << key;
    }
  }
  ASSERT_EQ(got["cores"].size(), want["cores"].size());
  for (std::size_t c = 0; c < want["cores"].size(); ++c) {
    EXPECT_EQ(got["cores"][c]["busy_cycles"], want["cores"][c]["busy_cycles"]) << c;
    EXPECT_EQ(got["cores"][c]["waited_cycles"], want["cores"][c]["waited_cycles"]) << c;
  }
  EXPECT_EQ(got["total"]["cycles"], want["total_cycles"]);
  EXPECT_EQ(got["total"]["dram_read_bytes"], want["dram_read_bytes"]);
  fs::remove_all(out);
}

INSTANTIATE_TEST_SUITE_P(Strategies, GoldenMulticore,
                         ::testing::Values("channels", "rows", "batch", "pipeline", "auto"),
                         [](const auto& info) { return std::string(info.param); });

// The same network in functional mode computes every layer's values exactly, in every dataflow.
TEST(FunctionalNetwork, EveryLayerExactInEveryDataflow) {
  for (const char* df : {"ws", "os", "is"}) {
    SCOPED_TRACE(df);
    const CommandResult r = run_command(systolica_bin() + " run --functional --topology " + source_dir() +
                                        "/tests/data/networks/tiny_net.csv --set array.dataflows=[ws,os,is]" +
                                        " --set array.dataflow=" + df);
    ASSERT_EQ(r.exit_status, 0) << r.err;
    std::size_t exact = 0;
    for (std::size_t p = r.out.find("exact"); p != std::string::npos; p = r.out.find("exact", p + 1)) ++exact;
    EXPECT_EQ(exact, 5u) << r.out;
  }
}

}  // namespace
}  // namespace systolica::test
