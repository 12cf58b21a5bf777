// The roofline rules of docs/reports.md on hand-computed numbers.
#include "sim/report/roofline.h"

#include <gtest/gtest.h>

namespace systolica {
namespace {

// A machine with round numbers: 256 MACs/cycle, 16 DRAM bytes/cycle, so the ridge is 16 MACs per byte.
const RooflineMachine kMachine{256, 16};

TEST(Roofline, MachineFromTheArchitecture) {
  ArchSpec arch;  // 16x16 array at 1 GHz, one DDR4-2400 x64 channel: tCK = 833 ps
  RooflineMachine m = roofline_machine(arch);
  EXPECT_DOUBLE_EQ(m.peak_macs_per_cycle, 256);
  // 8 bytes x 2 transfers per 0.833 ns = 19.21 GB/s = 19.21 bytes per 1 ns core cycle.
  EXPECT_NEAR(m.dram_bytes_per_cycle, 16 / 0.833, 1e-9);
  EXPECT_NEAR(m.ridge(), 256 * 0.833 / 16, 1e-9);

  // Two channels double the bandwidth; a 2 GHz core halves the bytes per (shorter) cycle.
  arch.array.rows = 32;
  arch.dram.channels = 2;
  arch.clock.core_hz = 2e9;
  m = roofline_machine(arch);
  EXPECT_DOUBLE_EQ(m.peak_macs_per_cycle, 32 * 16);
  EXPECT_NEAR(m.dram_bytes_per_cycle, 16 / 0.833, 1e-9);

  // Four cores: four arrays' peak against the same shared DRAM.
  arch.cores = 4;
  m = roofline_machine(arch);
  EXPECT_DOUBLE_EQ(m.peak_macs_per_cycle, 4 * 32 * 16);
  EXPECT_NEAR(m.dram_bytes_per_cycle, 16 / 0.833, 1e-9);
}

TEST(Roofline, ALayerIsMeasuredAgainstTheCoresItsCyclesCount) {
  // Four cores of 256 MACs/cycle, no DRAM bytes: 102,400 MACs in 200 cycles.
  const RooflineMachine four{1024, 16, 4};
  LayerResult split;  // the machine to itself: 512 of 1024 MACs/cycle
  split.macs = 102400;
  split.cycles = 200;
  split.pe_cores = 4;
  EXPECT_DOUBLE_EQ(layer_roofline(four, split).attained_fraction, 0.5);
  LayerResult overlapped = split;  // core-cycles on one core: 512 of 256 cannot be, so 400 core-cycles
  overlapped.cycles = 800;
  overlapped.pe_cores = 1;
  EXPECT_DOUBLE_EQ(layer_roofline(four, overlapped).attained_fraction, 0.5);
}

TEST(Roofline, BelowTheRidgeIsMemoryBound) {
  // 1000 MACs over 100 bytes: 10 MACs/byte < 16. Roof = min(256, 10 x 16) = 160 MACs/cycle; 1000 MACs in
  // 25 cycles = 40 MACs/cycle = 25% of it.
  const RooflinePoint p = mac_roofline(kMachine, 1000, 100, 25);
  ASSERT_TRUE(p.intensity.has_value());
  EXPECT_DOUBLE_EQ(*p.intensity, 10);
  EXPECT_EQ(p.bound, Bound::Memory);
  EXPECT_DOUBLE_EQ(p.attained_fraction, 0.25);
  EXPECT_STREQ(to_string(p.bound), "memory");
}

TEST(Roofline, AtOrAboveTheRidgeIsComputeBound) {
  // 64000 MACs over 1000 bytes: 64 MACs/byte. Roof = 256; 64000 / 500 cycles = 128 = 50%.
  RooflinePoint p = mac_roofline(kMachine, 64000, 1000, 500);
  EXPECT_DOUBLE_EQ(*p.intensity, 64);
  EXPECT_EQ(p.bound, Bound::Compute);
  EXPECT_DOUBLE_EQ(p.attained_fraction, 0.5);
  EXPECT_STREQ(to_string(p.bound), "compute");
  // Exactly on the ridge (16 MACs/byte): both roofs are 256, and it counts as compute-bound.
  p = mac_roofline(kMachine, 1600, 100, 25);
  EXPECT_EQ(p.bound, Bound::Compute);
  EXPECT_DOUBLE_EQ(p.attained_fraction, 1600.0 / 25 / 256);
}

TEST(Roofline, NoDramBytesIsComputeBoundWithNoIntensity) {
  // 2560 MACs in 20 cycles = 128 MACs/cycle = 50% of 256.
  const RooflinePoint p = mac_roofline(kMachine, 2560, 0, 20);
  EXPECT_FALSE(p.intensity.has_value());
  EXPECT_EQ(p.bound, Bound::Compute);
  EXPECT_DOUBLE_EQ(p.attained_fraction, 0.5);
  // No cycles: nothing attained, and no division by zero.
  EXPECT_DOUBLE_EQ(mac_roofline(kMachine, 0, 0, 0).attained_fraction, 0);
}

TEST(Roofline, VectorLayersCompareMemoryWaitsWithTheVectorUnit) {
  // 100 cycles: the vector unit busy 40, waiting on memory 50 -> memory-bound, 40% of the vector unit's roof.
  RooflinePoint p = vector_roofline(100, 40, 50, 64);
  EXPECT_EQ(p.bound, Bound::Memory);
  EXPECT_DOUBLE_EQ(p.attained_fraction, 0.4);
  ASSERT_TRUE(p.intensity.has_value());
  EXPECT_DOUBLE_EQ(*p.intensity, 0);  // no MACs per byte
  // Busy 60, waiting 30 -> compute-bound; equal counts as compute.
  p = vector_roofline(100, 60, 30, 0);
  EXPECT_EQ(p.bound, Bound::Compute);
  EXPECT_DOUBLE_EQ(p.attained_fraction, 0.6);
  EXPECT_FALSE(p.intensity.has_value());
  EXPECT_EQ(vector_roofline(100, 50, 50, 0).bound, Bound::Compute);
}

TEST(Roofline, LayerPicksTheRuleByMacs) {
  LayerResult pool;
  pool.layer.kind = LayerKind::MaxPool;
  pool.cycles = 100;
  pool.stalls.vector_unit = 45;
  pool.stalls.scratchpad_banks = 10;  // memory waits: 10 + 20 + 25 = 55 > 45
  pool.stalls.dma_l2 = 20;
  pool.stalls.dram = 25;
  MemoryTraffic t;
  t.dram_read_bytes = 300;
  t.dram_write_bytes = 100;
  pool.traffic = t;
  EXPECT_EQ(dram_bytes(pool), 400u);
  RooflinePoint p = layer_roofline(kMachine, pool);
  EXPECT_EQ(p.bound, Bound::Memory);
  EXPECT_DOUBLE_EQ(p.attained_fraction, 0.45);

  LayerResult conv;
  conv.macs = 4000;  // 4000 MACs / 400 bytes = 10 < 16: memory; roof 160, 4000 / 100 = 40 -> 25%
  conv.cycles = 100;
  conv.traffic = t;
  p = layer_roofline(kMachine, conv);
  EXPECT_EQ(p.bound, Bound::Memory);
  EXPECT_DOUBLE_EQ(p.attained_fraction, 0.25);
  conv.traffic.reset();  // no memory system: compute-bound, 40 / 256
  p = layer_roofline(kMachine, conv);
  EXPECT_EQ(p.bound, Bound::Compute);
  EXPECT_DOUBLE_EQ(p.attained_fraction, 40.0 / 256);
}

TEST(Roofline, TotalUsesTheRunsMacsBytesAndCycles) {
  RunResult r;
  r.total_macs = 64000;
  r.total_cycles = 1000;
  MemoryTraffic t;
  t.dram_read_bytes = 2000;
  t.dram_write_bytes = 2000;  // 16 MACs/byte: on the ridge, compute; 64 MACs/cycle = 25%
  r.traffic = t;
  RooflinePoint p = total_roofline(kMachine, r);
  EXPECT_DOUBLE_EQ(*p.intensity, 16);
  EXPECT_EQ(p.bound, Bound::Compute);
  EXPECT_DOUBLE_EQ(p.attained_fraction, 0.25);
  t.dram_write_bytes = 6000;  // 8 MACs/byte: memory; roof 128, 64 / 128 = 50%
  r.traffic = t;
  p = total_roofline(kMachine, r);
  EXPECT_EQ(p.bound, Bound::Memory);
  EXPECT_DOUBLE_EQ(p.attained_fraction, 0.5);

  // A network of vector layers only: the vector rule on the layers' sums.
  RunResult v;
  v.total_cycles = 200;
  for (int busy : {30, 70}) {
    LayerResult l;
    l.cycles = 100;
    l.stalls.vector_unit = busy;
    l.stalls.dram = 100 - busy;
    v.layers.push_back(l);
  }
  p = total_roofline(kMachine, v);  // busy 100, waiting 100: compute; 100 / 200
  EXPECT_EQ(p.bound, Bound::Compute);
  EXPECT_DOUBLE_EQ(p.attained_fraction, 0.5);
}

}  // namespace
}  // namespace systolica
