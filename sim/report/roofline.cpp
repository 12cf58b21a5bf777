#include "sim/report/roofline.h"

#include <algorithm>
#include <limits>

#include "arch/dram/dram_config.h"

namespace systolica {

const char* to_string(Bound bound) {
  return bound == Bound::Memory ? "memory" : "compute";
}

double RooflineMachine::ridge() const {
  return dram_bytes_per_cycle > 0 ? peak_macs_per_cycle / dram_bytes_per_cycle
                                  : std::numeric_limits<double>::infinity();
}

RooflineMachine roofline_machine(const ArchSpec& arch) {
  RooflineMachine m;
  m.cores = std::max(1, arch.cores);
  m.peak_macs_per_cycle = static_cast<double>(arch.array.rows) * arch.array.cols * m.cores;
  const dram::DramConfig cfg = dram::resolve_dram_config(arch.dram);
  // Double data rate: a channel moves bus_bits / 8 bytes twice per DRAM clock of tCK.
  const double bytes_per_second =
      static_cast<double>(arch.dram.channels) * (cfg.org.bus_bits / 8.0) * 2.0 / (cfg.timing.tCK_ps * 1e-12);
  m.dram_bytes_per_cycle =
      cfg.timing.tCK_ps > 0 && arch.clock.core_hz > 0 ? bytes_per_second / arch.clock.core_hz : 0;
  return m;
}

RooflinePoint mac_roofline(const RooflineMachine& m, std::int64_t macs, std::uint64_t dram_bytes,
                           std::int64_t cycles) {
  RooflinePoint p;
  double roof = m.peak_macs_per_cycle;
  if (dram_bytes > 0) {
    const double intensity = static_cast<double>(macs) / static_cast<double>(dram_bytes);
    p.intensity = intensity;
    p.bound = intensity < m.ridge() ? Bound::Memory : Bound::Compute;
    roof = std::min(roof, intensity * m.dram_bytes_per_cycle);
  }
  if (cycles > 0 && roof > 0) {
    p.attained_fraction = static_cast<double>(macs) / static_cast<double>(cycles) / roof;
  }
  return p;
}

RooflinePoint vector_roofline(std::int64_t cycles, std::int64_t vector_unit_cycles,
                              std::int64_t memory_stall_cycles, std::uint64_t dram_bytes) {
  RooflinePoint p;
  if (dram_bytes > 0) {
    p.intensity = 0.0;  // no MACs per byte
  }
  p.bound = memory_stall_cycles > vector_unit_cycles ? Bound::Memory : Bound::Compute;
  if (cycles > 0) {
    p.attained_fraction = static_cast<double>(vector_unit_cycles) / static_cast<double>(cycles);
  }
  return p;
}

std::uint64_t dram_bytes(const LayerResult& l) {
  return l.traffic ? l.traffic->dram_read_bytes + l.traffic->dram_write_bytes : 0;
}

namespace {
std::int64_t memory_stalls(const StallCycles& s) {
  return s.scratchpad_banks + s.dma_l2 + s.dram;
}
}  // namespace

RooflinePoint layer_roofline(const RooflineMachine& m, const LayerResult& l) {
  if (l.macs > 0) {
    // A layer whose cycles are core-cycles (cores running different layers at once) is measured against
    // one core's PEs (LayerResult::pe_cores); the DRAM roof is shared either way.
    RooflineMachine own = m;
    own.peak_macs_per_cycle = m.peak_macs_per_cycle / m.cores * l.pe_cores;
    RooflinePoint p = mac_roofline(own, l.macs, dram_bytes(l), l.cycles);
    if (!l.parts.empty() && !l.traffic) {
      // Layers overlapped on several cores: no DRAM bytes of its own to place it against the ridge, so its
      // stalls decide: memory-bound when it waited on memory longer than its array worked.
      const double array = l.stalls.compute + l.stalls.underuse + static_cast<double>(l.stalls.fill_drain);
      p.bound = static_cast<double>(memory_stalls(l.stalls)) > array ? Bound::Memory : Bound::Compute;
    }
    return p;
  }
  return vector_roofline(l.cycles, l.stalls.vector_unit, memory_stalls(l.stalls), dram_bytes(l));
}

RooflinePoint total_roofline(const RooflineMachine& m, const RunResult& r) {
  std::uint64_t bytes = 0;
  if (r.traffic) {
    bytes = r.traffic->dram_read_bytes + r.traffic->dram_write_bytes;
  } else {
    for (const auto& l : r.layers) {
      bytes += dram_bytes(l);
    }
  }
  if (r.total_macs > 0) {
    return mac_roofline(m, r.total_macs, bytes, r.total_cycles);
  }
  std::int64_t vector = 0, memory = 0;
  for (const auto& l : r.layers) {
    vector += l.stalls.vector_unit;
    memory += memory_stalls(l.stalls);
  }
  return vector_roofline(r.total_cycles, vector, memory, bytes);
}

}  // namespace systolica
