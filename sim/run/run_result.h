#pragma once
// What a run produced, per layer and in total. Reports read only this.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "arch/arch_spec.h"
#include "arch/cache/l2_stats.h"
#include "arch/core/layer_timing.h"
#include "arch/memory_traffic.h"
#include "arch/systolic/tile_timing.h"
#include "workloads/layer.h"

namespace systolica {

// SCALE-Sim's own accounting of a layer, in --compat scalesim runs.
struct ScaleSimCounts {
  std::int64_t ifmap_sram_reads = 0, filter_sram_reads = 0, ofmap_sram_writes = 0;
  double mapping_efficiency = 0;  // 0..1
  std::int64_t folds = 0;
};

struct LayerResult {
  Layer layer;
  std::int64_t cycles = 0;
  std::int64_t macs = 0;
  std::int64_t tiles = 0;
  double utilization = 0;      // MACs / (PEs x cycles)
  CycleBreakdown breakdown;    // native runs
  std::optional<ScaleSimCounts> scalesim;
  std::optional<bool> functional_match;  // functional runs: output equals a direct convolution
  std::optional<MemoryTraffic> traffic;  // runs through the memory system
  std::int64_t scratchpad_buffers = 0;   // 2 when the layer's tiles were double-buffered
};

enum class TimingMode { Native, ScaleSim };

struct RunResult {
  TimingMode mode = TimingMode::Native;
  ArchSpec arch;
  bool functional = false;
  bool ideal_memory = false;  // operands always ready: no scratchpad, DMA, L2 or DRAM simulated
  std::vector<LayerResult> layers;
  std::optional<MemoryTraffic> traffic;  // the run's total (memory-system runs)
  std::map<int, L2Counters> l2_by_core;  // the L2's counters per requesting core (memory-system runs)
  std::int64_t total_cycles = 0;
  std::int64_t total_macs = 0;
  double wall_seconds = 0;

  double utilization() const;
  double simulated_cycles_per_second() const;
};

// MACs / (PEs x cycles), 0 for no cycles.
double utilization(const ArchSpec& arch, std::int64_t macs, std::int64_t cycles);

// A layer's result from how it ran on a core.
LayerResult layer_result(const ArchSpec& arch, const Layer& layer, const LayerTiming& timing);

}  // namespace systolica
