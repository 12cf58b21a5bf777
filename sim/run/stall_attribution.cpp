#include "sim/run/stall_attribution.h"

#include <algorithm>
#include <cmath>

#include "arch/dram/dram_config.h"

namespace systolica {

double dram_read_latency_cycles(const ArchSpec& arch) {
  const dram::DramConfig cfg = dram::resolve_dram_config(arch.dram);
  const double ns = (cfg.timing.tRCD + cfg.timing.CL + cfg.org.burst_length / 2.0) * cfg.timing.tCK_ps / 1000.0;
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
  // Waiting is charged to what the loads waited on, in proportion: bank ports first (cycles the DMA's
  // writes waited for a port, at most the whole wait), then the rest by where the loads' latency went:
  // every L2 access costs the hit latency, every miss also the DRAM's unloaded read latency. Without an
  // L2 every request goes to DRAM.
  s.scratchpad_banks = std::min<Cycle>(waiting, static_cast<Cycle>(m.dma_bank_wait_cycles));
  const Cycle rest = waiting - s.scratchpad_banks;
  double dram_share = 1.0;
  const double accesses = static_cast<double>(m.l2_reads + m.l2_writes);
  if (arch.l2.capacity_bytes > 0 && accesses > 0) {
    const double hit = arch.l2.hit_latency_cycles + arch.noc.latency_cycles;
    const double miss = dram_read_latency_cycles(arch) * static_cast<double>(m.l2_misses);
    dram_share = miss / (miss + hit * accesses);
  } else if (arch.l2.capacity_bytes > 0) {
    dram_share = 0;
  }
  s.dram = static_cast<Cycle>(std::llround(static_cast<double>(rest) * dram_share));
  s.dma_l2 = rest - s.dram;
  // The parts sum to the cycles exactly: compute and underuse are fractional, the rest whole cycles.
  const double gap = static_cast<double>(cycles) - s.sum();
  s.underuse += gap;  // only rounding, or (vector layers) nothing
  return s;
}

}  // namespace systolica
