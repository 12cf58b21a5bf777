// Layers through the whole memory system (scratchpad, accumulator, DMA, crossbar, L2, DRAM), end to end
// through the real binary: values exact in every dataflow and memory configuration, and the traffic
// adds up: every byte the DMA moves is the tile operands' bytes, the L2 sees exactly the DMA's requests,
// and the layers' traffic sums to the run's.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <tuple>

#include "tests/support/run_command.h"

namespace systolica::test {
namespace {

namespace fs = std::filesystem;

nlohmann::json run_json(const std::string& args, std::string* table = nullptr) {
  const fs::path out = fs::temp_directory_path() / ("systolica-mem-" + std::to_string(::getpid()));
  fs::remove_all(out);
  const CommandResult r = run_command(systolica_bin() + " run " + args + " --out " + out.string());
  EXPECT_EQ(r.exit_status, 0) << r.err;
  if (table != nullptr) *table = r.out;
  std::ifstream in(out / "summary.json");
  nlohmann::json j = nlohmann::json::parse(in);
  fs::remove_all(out);
  return j;
}

const char* kNetwork = "/tests/data/networks/tiny_net.csv";

TEST(MemorySystem, ValuesExactInEveryDataflowAndMemoryConfiguration) {
  const char* memories[] = {"", "--set l2.capacity=0", "--set dram.model=fixed", "--set l2.capacity=8KiB",
                            "--ideal-memory"};
  for (const char* df : {"ws", "os", "is"}) {
    for (const char* memory : memories) {
      SCOPED_TRACE(std::string(df) + " " + memory);
      const nlohmann::json j = run_json(std::string("--quiet --functional --topology ") + source_dir() + kNetwork +
                                        " --set array.dataflows=[ws,os,is] --set array.dataflow=" + df + " " + memory);
      for (const auto& l : j["layers"]) EXPECT_TRUE(l["functional_match"].get<bool>()) << l["name"];
    }
  }
}

TEST(MemorySystem, DmaMovesExactlyTheTileOperandsAndTheL2SeesExactlyTheDma) {
  const nlohmann::json j = run_json(std::string("--quiet --topology ") + source_dir() + kNetwork);
  std::uint64_t dma_requests = 0;
  for (const auto& l : j["layers"]) {
    SCOPED_TRACE(l["name"].get<std::string>());
    // The layer's blocks as the test derives them from the reported mapping: every block loads the
    // in-bounds input rectangle its windows touch (its input channels) unless the block before it read
    // the same one, and its weights (every kernel position x its input x its output channels) unless the
    // block before it used the same ones; every output byte is stored once.
    const auto& s = l["shape"];
    const auto& m = l["mapping"];
    const int in_h = s["in_h"], in_w = s["in_w"], in_c = s["in_c"], out_c = s["out_c"];
    const int kh = s["kernel_h"], kw = s["kernel_w"], stride = s["stride"], pad = s["pad"];
    const int out_h = (in_h + 2 * pad - kh) / stride + 1, out_w = (in_w + 2 * pad - kw) / stride + 1;
    const int th = m["tile_rows"], tw = m["tile_cols"], ct = m["tile_in_c"], nt = m["tile_out_c"];
    const bool pixels_outer = m["loop_order"] == "pixels";
    auto span = [](int first, int count, int st, int p, int k, int size) {
      const int lo = std::max(0, first * st - p), hi = std::min(size - 1, (first + count - 1) * st - p + k - 1);
      return std::max(0, hi - lo + 1);
    };
    std::uint64_t loads = 0;
    std::tuple<int, int, int> last_input{-1, -1, -1}, last_weights{-1, -1, -1};
    auto block = [&](int oy, int ox, int n0, int c0) {
      const int cb = std::min(ct, in_c - c0), nb = std::min(nt, out_c - n0);
      const std::tuple<int, int, int> input{oy, ox, c0}, weights{n0, c0, 0};
      if (input != last_input) {
        loads += static_cast<std::uint64_t>(span(oy, std::min(th, out_h - oy), stride, pad, kh, in_h)) *
                 span(ox, std::min(tw, out_w - ox), stride, pad, kw, in_w) * cb;
      }
      if (weights != last_weights) loads += static_cast<std::uint64_t>(kh) * kw * cb * nb;
      last_input = input;
      last_weights = weights;
    };
    if (pixels_outer) {
      for (int oy = 0; oy < out_h; oy += th)
        for (int ox = 0; ox < out_w; ox += tw)
          for (int n0 = 0; n0 < out_c; n0 += nt)
            for (int c0 = 0; c0 < in_c; c0 += ct) block(oy, ox, n0, c0);
    } else {
      for (int n0 = 0; n0 < out_c; n0 += nt)
        for (int oy = 0; oy < out_h; oy += th)
          for (int ox = 0; ox < out_w; ox += tw)
            for (int c0 = 0; c0 < in_c; c0 += ct) block(oy, ox, n0, c0);
    }
    const auto& mem = l["memory"];
    EXPECT_EQ(mem["dma"]["load_bytes"].get<std::uint64_t>(), loads);
    EXPECT_EQ(mem["dma"]["store_bytes"].get<std::uint64_t>(), static_cast<std::uint64_t>(out_h) * out_w * out_c);
    // Every DMA request is one L2 access, and each access is a hit or a miss.
    EXPECT_EQ(mem["l2"]["reads"].get<std::uint64_t>() + mem["l2"]["writes"].get<std::uint64_t>(),
              mem["dma"]["requests"].get<std::uint64_t>());
    EXPECT_EQ(mem["l2"]["hits"].get<std::uint64_t>() + mem["l2"]["misses"].get<std::uint64_t>(),
              mem["dma"]["requests"].get<std::uint64_t>());
    dma_requests += mem["dma"]["requests"].get<std::uint64_t>();
  }
  // The layers' traffic adds up to the run's.
  for (const char* key : {"dram_read_bytes", "dram_write_bytes", "l2_hits", "l2_misses"}) {
    std::uint64_t sum = 0;
    for (const auto& l : j["layers"]) sum += l[key].get<std::uint64_t>();
    EXPECT_EQ(sum, j["total"][key].get<std::uint64_t>()) << key;
  }
  EXPECT_EQ(j["total"]["memory"]["dma"]["requests"].get<std::uint64_t>(), dma_requests);
  // One core: its L2 counters are the L2's.
  const auto& core0 = j["total"]["memory"]["l2"]["by_core"]["0"];
  EXPECT_EQ(core0["hits"], j["total"]["l2_hits"]);
  EXPECT_EQ(core0["misses"], j["total"]["l2_misses"]);
  EXPECT_TRUE(core0["mshr_merges"].is_number_integer() && core0["evictions"].is_number_integer() &&
              core0["writebacks"].is_number_integer() && core0["bank_conflicts"].is_number_integer());
}

TEST(MemorySystem, WithoutAnL2EveryRequestGoesToDram) {
  const nlohmann::json j = run_json(std::string("--quiet --topology ") + source_dir() + kNetwork +
                                    " --set l2.capacity=0");
  const auto& t = j["total"];
  EXPECT_EQ(t["l2_hits"], 0);
  EXPECT_EQ(t["l2_misses"], 0);
  // A DRAM burst moves 64 B however little of it a request wanted.
  EXPECT_GE(t["dram_read_bytes"].get<std::uint64_t>(), t["memory"]["dma"]["load_bytes"].get<std::uint64_t>());
  EXPECT_GE(t["dram_write_bytes"].get<std::uint64_t>(), t["memory"]["dma"]["store_bytes"].get<std::uint64_t>());
}

TEST(MemorySystem, MemoryOnlyAddsCyclesToTheIdealArray) {
  const std::string net = std::string("--quiet --topology ") + source_dir() + kNetwork;
  const nlohmann::json ideal = run_json(net + " --ideal-memory");
  const nlohmann::json real = run_json(net);
  ASSERT_EQ(ideal["layers"].size(), real["layers"].size());
  for (std::size_t i = 0; i < real["layers"].size(); ++i) {
    EXPECT_GT(real["layers"][i]["cycles"].get<std::int64_t>(), ideal["layers"][i]["cycles"].get<std::int64_t>());
    EXPECT_GT(real["layers"][i]["breakdown"]["memory"].get<double>(), 0.0);
  }
  EXPECT_EQ(ideal["run"]["memory"], "ideal");
  EXPECT_EQ(real["run"]["memory"], "simulated");
}

}  // namespace
}  // namespace systolica::test
