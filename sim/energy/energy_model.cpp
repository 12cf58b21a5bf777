#include "sim/energy/energy_model.h"

#include <algorithm>
#include <cmath>

#include "arch/dram/dram_config.h"

namespace systolica::energy {

namespace {

using P = EnergyParam;

double fit(double k, double capacity_exponent, double width_exponent, double capacity_bytes,
           double width_bits) {
  if (capacity_bytes <= 0 || width_bits <= 0) return 0;
  return k * std::pow(capacity_bytes / 1024.0, capacity_exponent) *
         std::pow(width_bits / 64.0, width_exponent);
}

// One bank is one SRAM macro: an access reads or writes only its bank, so it costs what a RAM of the
// bank's capacity costs, not the whole scratchpad's.
double bank_bytes(const SramSpec& s) {
  return static_cast<double>(s.capacity_bytes) / std::max(1, s.banks);
}

// The Micron power equations (TN-40-07 / TN-41-01): currents above the standby current a rank draws
// anyway, times VDD, times how long the operation holds them. mA x V x ns = pJ.
void add_dram_costs(const ArchSpec& arch, const EnergyParameters& p, ActionCosts& c) {
  const dram::DramConfig cfg = dram::resolve_dram_config(arch.dram);
  const double tck = cfg.timing.tCK_ns();
  const double vdd_devices = p[P::DramVddV] * p[P::DramDevicesPerRank];
  const double idd3n = p[P::DramIdd3nMa], idd2n = p[P::DramIdd2nMa];
  const double trc = cfg.timing.tRC * tck, tras = cfg.timing.tRAS * tck;
  const double burst_ns = cfg.burst_cycles() * tck;
  const double io = p[P::DramIoPjPerBit] * cfg.org.burst_bytes() * 8.0;
  c.dram_act = std::max(0.0, p[P::DramIdd0Ma] * trc - (idd3n * tras + idd2n * (trc - tras))) * vdd_devices;
  c.dram_read = std::max(0.0, p[P::DramIdd4rMa] - idd3n) * burst_ns * vdd_devices + io;
  c.dram_write = std::max(0.0, p[P::DramIdd4wMa] - idd3n) * burst_ns * vdd_devices + io;
  c.dram_refresh = std::max(0.0, p[P::DramIdd5bMa] - idd3n) * cfg.timing.tRFC * tck * vdd_devices;
  c.dram_active_rank_cycle = idd3n * tck * vdd_devices;
  c.dram_precharged_rank_cycle = idd2n * tck * vdd_devices;
  c.dram_refresh_interval = cfg.refresh ? cfg.timing.tREFI : 0;
}

}  // namespace

double sram_read_pj(const EnergyParameters& p, double capacity_bytes, double width_bits) {
  return fit(p[P::SramReadKPj], p[P::SramReadCapacityExponent], p[P::SramReadWidthExponent], capacity_bytes,
             width_bits);
}

double sram_write_pj(const EnergyParameters& p, double capacity_bytes, double width_bits) {
  return fit(p[P::SramWriteKPj], p[P::SramWriteCapacityExponent], p[P::SramWriteWidthExponent],
             capacity_bytes, width_bits);
}

int forwarded_bits_per_step(Dataflow dataflow) {
  return dataflow == Dataflow::OutputStationary ? 8 + 8 + 32 : 8 + 32;
}

EnergyModel::EnergyModel(const ArchSpec& arch, const EnergyParameters& params)
    : arch_(arch), params_(params) {
  const EnergyParameters& p = params_;
  ActionCosts& c = costs_;
  c.mac = p[P::MacPj];
  c.register_bit = p[P::PeRegisterBitPj];
  c.accumulate = p[P::AccumulatePj];
  c.scratchpad_read = sram_read_pj(p, bank_bytes(arch.scratchpad), arch.scratchpad.row_bytes * 8.0);
  c.scratchpad_write = sram_write_pj(p, bank_bytes(arch.scratchpad), arch.scratchpad.row_bytes * 8.0);
  c.accumulator_read = sram_read_pj(p, bank_bytes(arch.accumulator), arch.accumulator.row_bytes * 8.0);
  c.accumulator_write = sram_write_pj(p, bank_bytes(arch.accumulator), arch.accumulator.row_bytes * 8.0);
  if (arch.l2.capacity_bytes > 0) {
    const double l2_bank = static_cast<double>(arch.l2.capacity_bytes) / std::max(1, arch.l2.banks);
    c.l2_tag = p[P::L2TagPj];
    c.l2_read = sram_read_pj(p, l2_bank, arch.l2.line_bytes * 8.0);
    c.l2_write = sram_write_pj(p, l2_bank, arch.l2.line_bytes * 8.0);
  }
  c.noc_byte = p[P::NocPjPerByte];
  c.vector_cycle = arch.array.cols * p[P::AccumulatePj];  // one lane per array column
  add_dram_costs(arch, p, c);

  const double sram_kib =
      (static_cast<double>(arch.cores) * (arch.scratchpad.capacity_bytes + arch.accumulator.capacity_bytes) +
       static_cast<double>(arch.l2.capacity_bytes)) /
      1024.0;
  c.sram_leakage_mw = p[P::SramLeakageUwPerKib] * sram_kib / 1000.0;
  // The array at full speed: every PE doing a MAC and latching a WS step each cycle. pJ x Hz = pW.
  const double pes = static_cast<double>(arch.cores) * arch.array.rows * arch.array.cols;
  const double peak_pj_per_cycle =
      pes * (c.mac + forwarded_bits_per_step(Dataflow::WeightStationary) * c.register_bit);
  c.logic_leakage_mw = p[P::LogicLeakageFraction] * peak_pj_per_cycle * arch.clock.core_hz * 1e-9;
}

EnergyBreakdown EnergyModel::price(const ActivityCounts& n) const {
  const ActionCosts& c = costs_;
  const MemoryTraffic& t = n.traffic;
  const double pes = static_cast<double>(arch_.array.rows) * arch_.array.cols;
  auto d = [](auto x) { return static_cast<double>(x); };
  EnergyBreakdown e;

  // The whole array shifts each streamed vector (idle columns forward zeros), so register energy follows
  // the array's steps, not the useful MACs; arithmetic follows the MACs (a zero operand barely toggles).
  const double register_bits = d(n.array.stream_steps) * pes * forwarded_bits_per_step(n.dataflow) +
                               d(n.array.preloads) * pes * 8 + d(n.array.output_drains) * pes * 32;
  e.array = d(n.macs) * c.mac + register_bits * c.register_bit;
  e.vector_unit = d(n.vector_cycles) * c.vector_cycle;

  e.scratchpad = d(t.scratchpad_reads) * c.scratchpad_read + d(t.scratchpad_writes) * c.scratchpad_write;
  // Each int32 the array writes is added to the partial sum already there (or overwrites it; the adder
  // switches either way), so every written entry costs an add beside the row access.
  e.accumulator = d(t.accumulator_reads) * c.accumulator_read +
                  d(t.accumulator_writes) * c.accumulator_write +
                  d(t.accumulator_write_bytes) / 4.0 * c.accumulate;

  // Every access looks up the tags. Reads and write-backs read a line; writes and fills write one.
  e.l2 = d(t.l2_reads + t.l2_writes) * c.l2_tag + d(t.l2_reads + t.l2_writebacks) * c.l2_read +
         d(t.l2_writes + t.l2_misses) * c.l2_write;
  e.interconnect = d(t.noc_bytes) * c.noc_byte;

  const double refreshes =
      c.dram_refresh_interval > 0 ? d(t.dram_rank_cycles) / c.dram_refresh_interval : 0.0;
  e.dram_dynamic = d(t.dram_act) * c.dram_act + d(t.dram_reads) * c.dram_read +
                   d(t.dram_writes) * c.dram_write + refreshes * c.dram_refresh;
  const double active = d(t.dram_active_rank_cycles);
  const double precharged = std::max(0.0, d(t.dram_rank_cycles) - active);
  e.dram_background = active * c.dram_active_rank_cycle + precharged * c.dram_precharged_rank_cycle;

  const double seconds = d(n.cycles) / arch_.clock.core_hz;
  e.leakage = (c.sram_leakage_mw + c.logic_leakage_mw) * 1e-3 * seconds * 1e12;  // mW -> W, J -> pJ
  return e;
}

}  // namespace systolica::energy
