// The counters the energy model prices, through a whole run: every layer carries the array's activity
// (LayerResult::activity) and the DRAM background time and interconnect traffic (MemoryTraffic), and the
// layers' snapshot differences add up to the run's total. One SystemC simulation per test (ctest runs
// each TEST in its own process).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sim/config/config_loader.h"
#include "sim/run/run_driver.h"
#include "workloads/network.h"

namespace systolica {
namespace {

RunResult run_small_net(const std::vector<std::string>& sets) {
  NetworkBuilder b("small", TensorShape{1, 8, 8, 16});
  const int x = b.conv("conv", kNetworkInput, 32, 3, 1, 1);
  b.fully_connected("fc", x, 10);
  return run_network(load_config("", sets).arch, b.finish(), RunOptions{});
}

// The new MemoryTraffic fields of the layers add up to the run's.
void expect_layers_add_up(const RunResult& r) {
  ASSERT_TRUE(r.traffic.has_value());
  MemoryTraffic sum;
  for (const LayerResult& l : r.layers) {
    ASSERT_TRUE(l.traffic.has_value());
    EXPECT_LE(l.traffic->dram_active_rank_cycles, l.traffic->dram_rank_cycles) << l.layer.name;
    sum += *l.traffic;
  }
  EXPECT_EQ(sum.dram_rank_cycles, r.traffic->dram_rank_cycles);
  EXPECT_EQ(sum.dram_active_rank_cycles, r.traffic->dram_active_rank_cycles);
  EXPECT_EQ(sum.noc_messages, r.traffic->noc_messages);
  EXPECT_EQ(sum.noc_bytes, r.traffic->noc_bytes);
}

TEST(EnergyCounters, WeightStationaryLayersCarryTheirActivityAndBackgroundTime) {
  const RunResult r = run_small_net({"array.dataflow=ws"});
  ASSERT_EQ(r.layers.size(), 2u);
  for (const LayerResult& l : r.layers) {
    SCOPED_TRACE(l.layer.name);
    EXPECT_GT(l.tiles, 0);
    EXPECT_EQ(l.activity.preloads, l.tiles);  // every WS tile preloads its weights
    EXPECT_EQ(l.activity.output_drains, 0);
    EXPECT_GE(l.activity.stream_steps, l.tiles);
    EXPECT_NEAR(l.breakdown.compute + l.breakdown.underuse, static_cast<double>(l.activity.stream_steps),
                1e-6);
  }
  expect_layers_add_up(r);
  const MemoryTraffic& t = *r.traffic;
  // One DDR4-2400 channel and rank (tCK 0.833 ns) under a 1 GHz core: the run's DRAM clocks are its core
  // cycles x 1000 / 833, give or take the stores draining after the last layer ended.
  const double clocks = static_cast<double>(r.total_cycles) * 1000.0 / 833.0;
  EXPECT_GE(static_cast<double>(t.dram_rank_cycles), clocks - 2);
  EXPECT_LE(static_cast<double>(t.dram_rank_cycles), clocks * 1.05 + 100);
  EXPECT_GT(t.dram_active_rank_cycles, 0u);
  EXPECT_LE(t.dram_active_rank_cycles, t.dram_rank_cycles);
  EXPECT_EQ(t.noc_bytes, t.dma_load_bytes + t.dma_store_bytes);
  EXPECT_EQ(t.noc_messages, 2 * t.dma_requests);
}

TEST(EnergyCounters, OutputStationaryDrainsEveryTileAndTheFixedDramHasNoOpenBank) {
  const RunResult r = run_small_net({"array.dataflows=[ws,os,is]", "array.dataflow=os", "dram.model=fixed"});
  for (const LayerResult& l : r.layers) {
    SCOPED_TRACE(l.layer.name);
    EXPECT_EQ(l.activity.output_drains, l.tiles);
    EXPECT_EQ(l.activity.preloads, 0);
    EXPECT_GE(l.activity.stream_steps, l.tiles);
  }
  expect_layers_add_up(r);
  EXPECT_GT(r.traffic->dram_rank_cycles, 0u);
  EXPECT_EQ(r.traffic->dram_active_rank_cycles, 0u);
}

}  // namespace
}  // namespace systolica
