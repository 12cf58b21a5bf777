// What the interconnect carried, as MemoryTraffic reports it for the energy model: every DMA request
// crosses the crossbar as two messages (a read: request, data response; a write: data request,
// acknowledgement) and only the data moves bytes, so over a run noc_bytes is exactly the bytes the DMA
// loaded and stored and noc_messages twice its requests. One SystemC simulation per test (ctest runs
// each TEST in its own process).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sim/config/config_loader.h"
#include "sim/run/run_driver.h"
#include "workloads/network.h"

namespace systolica {
namespace {

// One fully connected layer: 64 int8 inputs, 32 outputs. The DMA loads the 64 input bytes and the
// 64 x 32 = 2,048 weight bytes once and stores the 32 output bytes.
RunResult run_fc(const std::vector<std::string>& sets) {
  NetworkBuilder b("fc", TensorShape{1, 1, 1, 64});
  b.fully_connected("fc", kNetworkInput, 32);
  return run_network(load_config("", sets).arch, b.finish(), RunOptions{});
}

void expect_exact_noc_traffic(const RunResult& r) {
  ASSERT_TRUE(r.traffic.has_value());
  const MemoryTraffic& t = *r.traffic;
  EXPECT_EQ(t.dma_load_bytes, 64u + 64u * 32u);
  EXPECT_EQ(t.dma_store_bytes, 32u);
  EXPECT_EQ(t.noc_bytes, 64u + 64u * 32u + 32u);
  EXPECT_EQ(t.noc_bytes, t.dma_load_bytes + t.dma_store_bytes);
  EXPECT_GT(t.dma_requests, 0u);
  EXPECT_EQ(t.noc_messages, 2 * t.dma_requests);
  // One layer: its snapshot difference is the whole run.
  ASSERT_EQ(r.layers.size(), 1u);
  ASSERT_TRUE(r.layers[0].traffic.has_value());
  EXPECT_EQ(r.layers[0].traffic->noc_bytes, t.noc_bytes);
  EXPECT_EQ(r.layers[0].traffic->noc_messages, t.noc_messages);
}

TEST(NocTraffic, CarriesExactlyTheDmaBytesInTwoMessagesPerRequest) {
  expect_exact_noc_traffic(run_fc({}));
}

TEST(NocTraffic, WithoutAnL2TheCrossbarFeedsTheDramTheSame) {
  expect_exact_noc_traffic(run_fc({"l2.capacity=0"}));
}

}  // namespace
}  // namespace systolica
