#pragma once
// The roofline of a layer and of a run: is it limited by the array's MAC rate or by DRAM bandwidth, and
// how close does it get to that limit? docs/reports.md states the rules. Plain functions, no SystemC.
#include <cstdint>
#include <optional>

#include "arch/arch_spec.h"
#include "sim/run/run_result.h"

namespace systolica {

enum class Bound { Compute, Memory };
const char* to_string(Bound bound);  // "compute", "memory"

// The two roofs, both per core cycle.
struct RooflineMachine {
  double peak_macs_per_cycle = 0;   // rows x cols x cores
  double dram_bytes_per_cycle = 0;  // every channel's data bus busy, 2 transfers per DRAM clock
  int cores = 1;
  // MACs per DRAM byte at which the roofs meet; below it the bandwidth roof is the lower one.
  double ridge() const;
};

RooflineMachine roofline_machine(const ArchSpec& arch);

struct RooflinePoint {
  std::optional<double> intensity;  // MACs per DRAM byte (read + write); none when no DRAM bytes moved
  Bound bound = Bound::Compute;
  double attained_fraction = 0;  // achieved rate / the roof that applies (0 for no cycles)
};

// A layer (or a run) with MACs: bound by intensity against the ridge; attained = (MACs / cycles) /
// min(peak, intensity x bandwidth). No DRAM bytes: compute-bound against the peak.
RooflinePoint mac_roofline(const RooflineMachine& m, std::int64_t macs, std::uint64_t dram_bytes,
                           std::int64_t cycles);

// A layer without MACs (pooling, add, other vector operators), where the vector unit is the compute:
// memory-bound when the cycles waiting on memory (scratchpad banks + DMA/L2 + DRAM) exceed the vector
// unit's busy cycles; attained = vector-unit cycles / cycles.
RooflinePoint vector_roofline(std::int64_t cycles, std::int64_t vector_unit_cycles,
                              std::int64_t memory_stall_cycles, std::uint64_t dram_bytes);

// DRAM bytes (read + write) charged to a layer; 0 without the memory system.
std::uint64_t dram_bytes(const LayerResult& l);

// Picks the rule by whether the layer has MACs.
RooflinePoint layer_roofline(const RooflineMachine& m, const LayerResult& l);

// The run as one point: its total MACs, DRAM bytes and cycles (the vector rule, summed over layers, when
// the network has no MACs at all).
RooflinePoint total_roofline(const RooflineMachine& m, const RunResult& r);

}  // namespace systolica
