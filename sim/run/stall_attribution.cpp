#include "sim/run/stall_attribution.h"

#include <algorithm>
#include <cmath>

#include "arch/dram/dram_config.h"

namespace systolica {

double dram_read_latency_cycles(const ArchSpec& arch) {
  const dram::DramConfig cfg = dram::resolve_dram_config(arch.dram);
  const double ns =
      (cfg.timing.tRCD + cfg.timing.CL + cfg.org.burst_length / 2.0) * cfg.timing.tCK_ps / 1000.0;
  return ns * arch.clock.core_hz / 1e9;
}

StallCycles attribute_stalls(const ArchSpec& arch, const LayerTiming& t, const MemoryTraffic& m) {
  StallCycles s;
  const Cycle cycles = t.end - t.start;
  const CycleBreakdown& b = t.breakdown;
  s.compute = b.compute;
  s.underuse = b.underuse;
  s.fill_drain = b.preload + b.drain + b.fill_drain;
  s.vector_unit = std::min<Cycle>(t.vector_busy, cycles);
  // What is left was spent waiting: the array (or, in a vector layer, the vector unit) idle because its
  // operands had not arrived, and after the last computation the final stores draining.
  Cycle waiting = 0;
  if (b.total > 0) {
    waiting = b.memory;
    s.store = std::max<Cycle>(0, cycles - b.total);
  } else {
    waiting = std::max<Cycle>(0, cycles - s.vector_unit);
  }
  // Waiting is charged to what the loads waited on, in proportion to the cycles each cause added up over
  // the layer's requests: every L2 access costs the hit latency and every miss also the DRAM's unloaded
  // read latency (without an L2 every request goes to DRAM), and the DMA's writes into the scratchpad
  // waited the counted cycles for bank ports.
  const double banks = static_cast<double>(m.dma_bank_wait_cycles);
  double l2 = 0, dram = 0;
  const double accesses = static_cast<double>(m.l2_reads + m.l2_writes);
  const double dram_latency = dram_read_latency_cycles(arch);
  if (arch.l2.capacity_bytes > 0) {
    l2 = (arch.l2.hit_latency_cycles + arch.noc.latency_cycles) * accesses;
    dram = dram_latency * static_cast<double>(m.l2_misses);
  } else {
    dram = dram_latency * static_cast<double>(m.dram_reads + m.dram_writes);
  }
  const double all = banks + l2 + dram;
  if (all > 0) {
    s.scratchpad_banks = static_cast<Cycle>(std::llround(static_cast<double>(waiting) * banks / all));
    s.dram = static_cast<Cycle>(std::llround(static_cast<double>(waiting) * dram / all));
    s.dram = std::min(s.dram, waiting - s.scratchpad_banks);
  } else {
    s.dram = waiting;  // nothing measured (an ideal memory run): charge it to memory as a whole
  }
  s.dma_l2 = waiting - s.scratchpad_banks - s.dram;
  // The parts sum to the cycles exactly: compute and underuse are fractional, the rest whole cycles.
  const double gap = static_cast<double>(cycles) - s.sum();
  s.underuse += gap;  // only rounding, or (vector layers) nothing
  return s;
}

}  // namespace systolica
