#pragma once
// Prices what a layer (or a whole run) did. The simulation only counts actions in plain integers; this
// turns the counts into pJ at the end, so energy costs the simulation nothing. docs/energy.md derives
// every formula.
#include <cstdint>

#include "arch/arch_spec.h"
#include "arch/memory_traffic.h"
#include "arch/systolic/dataflow.h"
#include "arch/systolic/tile_timing.h"
#include "sim/energy/energy_breakdown.h"
#include "sim/energy/energy_parameters.h"

namespace systolica::energy {

// What one layer did: its cycles, the array's work and every memory counter.
struct ActivityCounts {
  std::int64_t cycles = 0;  // core cycles: the runtime that leakage and DRAM background are charged for
  std::int64_t macs = 0;
  Dataflow dataflow = Dataflow::WeightStationary;
  ArrayActivity array;
  std::int64_t vector_cycles = 0;
  MemoryTraffic traffic;  // zero in ideal-memory runs
};

// The cost of each action, from the parameters and the architecture's sizes.
struct ActionCosts {
  double mac = 0;                                      // pJ per MAC, arithmetic
  double register_bit = 0;                             // pJ per bit latched in a PE
  double scratchpad_read = 0, scratchpad_write = 0;    // pJ per bank access of scratchpad.row_bytes
  double accumulator_read = 0, accumulator_write = 0;  // pJ per bank access of accumulator.row_bytes
  double accumulate = 0;                               // pJ per int32 add
  double l2_tag = 0, l2_read = 0, l2_write = 0;        // pJ per tag lookup, per line read or written
  double noc_byte = 0;                                 // pJ per byte over a crossbar link
  double vector_cycle = 0;                             // pJ per vector-unit cycle (one int32 op per lane)
  double dram_act = 0;                    // pJ per ACT-PRE pair (Micron: IDD0 over tRC minus standby)
  double dram_read = 0, dram_write = 0;   // pJ per burst, including I/O
  double dram_refresh = 0;                // pJ per all-bank refresh of one rank
  double dram_active_rank_cycle = 0;      // pJ per DRAM clock of one rank in active standby
  double dram_precharged_rank_cycle = 0;  // pJ per DRAM clock of one rank in precharged standby
  double dram_refresh_interval = 0;       // DRAM clocks between refreshes of a rank (0: refresh off)
  double sram_leakage_mw = 0;             // every SRAM of the SoC
  double logic_leakage_mw = 0;            // every core's array
};

// pJ per access of an SRAM of `capacity_bytes` with a port of `width_bits` (the CACTI fit of energy.md).
double sram_read_pj(const EnergyParameters& p, double capacity_bytes, double width_bits);
double sram_write_pj(const EnergyParameters& p, double capacity_bytes, double width_bits);

// Bits latched per PE per streamed operand vector: WS and IS forward an int8 operand and an int32
// partial sum (40); OS forwards two int8 operands and updates its int32 accumulator in place (48).
int forwarded_bits_per_step(Dataflow dataflow);

class EnergyModel {
 public:
  EnergyModel(const ArchSpec& arch, const EnergyParameters& params);

  EnergyBreakdown price(const ActivityCounts& counts) const;
  const ActionCosts& costs() const { return costs_; }
  const EnergyParameters& parameters() const { return params_; }

 private:
  ArchSpec arch_;
  EnergyParameters params_;
  ActionCosts costs_;
};

}  // namespace systolica::energy
