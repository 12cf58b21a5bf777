// The energy model's prices, computed by hand for the default (Gemmini-like) architecture at 22 nm with
// DDR4-2400, one action at a time; and conservation: the components sum to the total.
#include "sim/energy/energy_model.h"

#include <gtest/gtest.h>

#include <cmath>

#include "sim/config/config_loader.h"

namespace systolica::energy {
namespace {

EnergyModel default_model(const std::vector<std::string>& sets = {}) {
  const ArchSpec arch = load_config("", sets).arch;
  return EnergyModel(arch, resolve_energy_parameters(arch));
}

TEST(EnergyModel, ActionCostsByHand) {
  const ActionCosts c = default_model().costs();
  // Scratchpad: 256 KiB in 4 banks of 64 KiB, 16 B (128-bit) rows. 22 nm fit:
  //   read  0.50 x 64^0.556 x 2^0.69 = 0.50 x 10.098 x 1.6133 = 8.146 pJ
  //   write 0.57 x 64^0.48  x 2^0.90 = 0.57 x 7.3615 x 1.8661 = 7.830 pJ
  EXPECT_NEAR(c.scratchpad_read, 8.146, 0.005);
  EXPECT_NEAR(c.scratchpad_write, 7.830, 0.005);
  // Accumulator: 64 KiB in 2 banks of 32 KiB, 64 B (512-bit) rows:
  //   read  0.50 x 32^0.556 x 8^0.69 = 0.50 x 6.8685 x 4.1989 = 14.420 pJ
  EXPECT_NEAR(c.accumulator_read, 14.420, 0.01);
  // L2: 512 KiB in 4 banks of 128 KiB, 64 B lines: tag 51 pJ; line read 0.50 x 128^0.556 x 8^0.69
  //   = 0.50 x 14.846 x 4.1989 = 31.17 pJ.
  EXPECT_DOUBLE_EQ(c.l2_tag, 51);
  EXPECT_NEAR(c.l2_read, 31.17, 0.01);
  // DDR4-2400 (tCK 0.833 ns, tRC 56, tRAS 39, BL8 = 4 clocks, tRFC 420), 8 x8 devices at 1.2 V:
  //   ACT-PRE  (48 x 56 - 43 x 39 - 34 x 17) x 0.833 ns x 1.2 V x 8 = 433 x 0.833 x 9.6 = 3462.6 pJ
  //   read     (135 - 43) x 4 x 0.833 x 9.6 + 5 pJ/bit x 512 bit   = 2942.8 + 2560 = 5502.8 pJ
  //   write    (123 - 43) x 3.332 x 9.6 + 2560                     = 2559.0 + 2560 = 5119.0 pJ
  //   refresh  (250 - 43) x 420 x 0.833 x 9.6                      = 695,242 pJ per rank
  //   standby  active 43 x 0.833 x 9.6 = 343.86 pJ, precharged 34 x 0.833 x 9.6 = 271.89 pJ per clock
  EXPECT_NEAR(c.dram_act, 3462.6, 0.1);
  EXPECT_NEAR(c.dram_read, 5502.8, 0.1);
  EXPECT_NEAR(c.dram_write, 5119.0, 0.1);
  EXPECT_NEAR(c.dram_refresh, 695242, 1);
  EXPECT_NEAR(c.dram_active_rank_cycle, 343.86, 0.01);
  EXPECT_NEAR(c.dram_precharged_rank_cycle, 271.89, 0.01);
  EXPECT_DOUBLE_EQ(c.dram_refresh_interval, 9360);
  // Leakage: (256 + 64 + 512) KiB x 0.13 uW = 108.16 uW; logic 1% of 256 PEs x (0.088 + 40 x 0.003) pJ
  //   x 1 GHz = 1% x 53.248 mW = 0.53248 mW.
  EXPECT_NEAR(c.sram_leakage_mw, 0.10816, 1e-9);
  EXPECT_NEAR(c.logic_leakage_mw, 0.53248, 1e-9);
}

TEST(EnergyModel, EachActionPricedIntoItsComponent) {
  const EnergyModel m = default_model();
  const ActionCosts& c = m.costs();
  ActivityCounts n;
  // A WS layer: 4096 MACs as one 16x16x16 tile: 16 streamed vectors and one preload of the 16x16 array.
  // Array: 4096 x 0.088 + (16 x 256 x 40 + 1 x 256 x 8) x 0.003 = 360.448 + 497.664 = 858.112 pJ.
  n.macs = 4096;
  n.array.stream_steps = 16;
  n.array.preloads = 1;
  EXPECT_NEAR(m.price(n).array, 858.112, 1e-9);
  // OS forwards 48 bits a step and drains 32-bit outputs instead of preloading weights.
  n.dataflow = Dataflow::OutputStationary;
  n.array.preloads = 0;
  n.array.output_drains = 1;
  EXPECT_NEAR(m.price(n).array, 360.448 + (16 * 256 * 48 + 256 * 32) * 0.003, 1e-9);

  ActivityCounts t;
  t.traffic.scratchpad_reads = 10;
  t.traffic.scratchpad_writes = 4;
  t.traffic.accumulator_reads = 3;
  t.traffic.accumulator_writes = 2;
  t.traffic.accumulator_write_bytes = 128;  // two rows of 16 int32: 32 adds
  t.traffic.l2_reads = 5;
  t.traffic.l2_writes = 2;
  t.traffic.l2_misses = 1;
  t.traffic.l2_writebacks = 1;
  t.traffic.noc_bytes = 1000;
  t.traffic.dram_act = 2;
  t.traffic.dram_reads = 3;
  t.traffic.dram_writes = 1;
  t.traffic.dram_rank_cycles = 9360 * 2;  // two refresh intervals
  t.traffic.dram_active_rank_cycles = 100;
  t.vector_cycles = 7;
  t.cycles = 1000;  // 1 us at 1 GHz
  const EnergyBreakdown e = m.price(t);
  EXPECT_NEAR(e.scratchpad, 10 * c.scratchpad_read + 4 * c.scratchpad_write, 1e-9);
  EXPECT_NEAR(e.accumulator, 3 * c.accumulator_read + 2 * c.accumulator_write + 32 * 0.029, 1e-9);
  // Tags for all 7 accesses; lines read for 5 reads + 1 write-back; written for 2 writes + 1 fill.
  EXPECT_NEAR(e.l2, 7 * 51 + 6 * c.l2_read + 3 * c.l2_write, 1e-9);
  EXPECT_NEAR(e.interconnect, 1000 * 0.8, 1e-9);
  EXPECT_NEAR(e.vector_unit, 7 * 16 * 0.029, 1e-9);
  EXPECT_NEAR(e.dram_dynamic, 2 * 3462.6 + 3 * 5502.8 + 5119.0 + 2 * 695242, 2);
  EXPECT_NEAR(e.dram_background, 100 * 343.8624 + (18720 - 100) * 271.8912, 1e-6);
  EXPECT_NEAR(e.leakage, (0.10816 + 0.53248) * 1e-3 * 1e-6 * 1e12, 1e-6);  // mW x s -> pJ: 640.64 pJ
  EXPECT_DOUBLE_EQ(e.array, 0);
  // Conservation: the total is exactly the components' sum, and static is background plus leakage.
  double sum = 0;
  for (const auto& [name, pj] : e.components()) sum += pj;
  EXPECT_DOUBLE_EQ(e.total(), sum);
  EXPECT_DOUBLE_EQ(e.static_energy(), e.dram_background + e.leakage);
}

TEST(EnergyModel, ALargerScratchpadCostsMorePerAccess) {
  double last = 0;
  for (const char* size : {"64KiB", "128KiB", "256KiB", "1MiB"}) {
    const double read = default_model({std::string("scratchpad.size=") + size}).costs().scratchpad_read;
    EXPECT_GT(read, last) << size;
    last = read;
  }
  // More banks of the same total capacity are smaller macros: cheaper per access.
  EXPECT_LT(default_model({"scratchpad.banks=8"}).costs().scratchpad_read,
            default_model({"scratchpad.banks=2"}).costs().scratchpad_read);
  EXPECT_GT(default_model({"l2.size=4MiB"}).costs().l2_read,
            default_model({"l2.size=256KiB"}).costs().l2_read);
}

TEST(EnergyModel, NoL2NoL2EnergyAndRefreshOffNoRefreshEnergy) {
  const ActionCosts c = default_model({"l2.size=0B", "dram.refresh=false"}).costs();
  EXPECT_EQ(c.l2_tag, 0);
  EXPECT_EQ(c.l2_read, 0);
  EXPECT_EQ(c.dram_refresh_interval, 0);
  ActivityCounts n;
  n.traffic.dram_rank_cycles = 100000;
  EXPECT_EQ(default_model({"dram.refresh=false"}).price(n).dram_dynamic, 0);
}

TEST(EnergyModel, TechnologyNodesOrderAsThePhysicsSays) {
  const ActionCosts c45 = default_model({"energy.tech_nm=45"}).costs();
  const ActionCosts c22 = default_model({"energy.tech_nm=22"}).costs();
  const ActionCosts c16 = default_model({"energy.tech_nm=16"}).costs();
  EXPECT_GT(c45.mac, c22.mac);
  EXPECT_GT(c22.mac, c16.mac);
  EXPECT_GT(c45.scratchpad_read, c22.scratchpad_read);
  EXPECT_GT(c22.scratchpad_read, c16.scratchpad_read);
  EXPECT_DOUBLE_EQ(c45.dram_read, c16.dram_read);  // DRAM does not scale with the logic node
}

}  // namespace
}  // namespace systolica::energy
