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
#include "sim/energy/run_energy.h"
#include "workloads/layer.h"
#include "workloads/mapping.h"
#include "workloads/partition.h"

namespace systolica {

// SCALE-Sim's own accounting of a layer, in --compat scalesim runs.
struct ScaleSimCounts {
  std::int64_t ifmap_sram_reads = 0, filter_sram_reads = 0, ofmap_sram_writes = 0;
  double mapping_efficiency = 0;  // 0..1
  std::int64_t folds = 0;
};

// Where a layer's cycles went, as the reports show it. The parts add up to the layer's cycles exactly
// (compute and underuse are fractional: MACs / PEs, and the rest of the array's streaming cycles).
struct StallCycles {
  double compute = 0;         // useful MACs / (rows x cols)
  double underuse = 0;        // the array streamed but not every PE did a useful MAC (edge tiles, depthwise)
  std::int64_t fill_drain = 0;        // weight preloads, output drains, pipeline fill and drain
  std::int64_t scratchpad_banks = 0;  // operands late because DMA writes waited for scratchpad bank ports
  std::int64_t dma_l2 = 0;            // operands late in the DMA, the interconnect or the L2
  std::int64_t dram = 0;              // operands late because the L2 (or the DMA) waited for DRAM
  std::int64_t vector_unit = 0;       // the vector unit working (pooling, add, other operators)
  std::int64_t store = 0;             // the last results draining to memory after the last computation

  StallCycles& operator+=(const StallCycles& o) {
    compute += o.compute;
    underuse += o.underuse;
    fill_drain += o.fill_drain;
    scratchpad_banks += o.scratchpad_banks;
    dma_l2 += o.dma_l2;
    dram += o.dram;
    vector_unit += o.vector_unit;
    store += o.store;
    return *this;
  }

  double sum() const {
    return compute + underuse + static_cast<double>(fill_drain + scratchpad_banks + dma_l2 + dram + vector_unit + store);
  }
};

// One core's share of a layer (multi-core runs).
struct LayerPart {
  int core = 0;
  LayerRegion region;
  std::int64_t start = 0;   // the cycle it began
  std::int64_t cycles = 0;  // how long it ran
  std::int64_t waited = 0;  // cycles its core waited for other cores before it could begin
  std::int64_t macs = 0;
};

struct LayerResult {
  Layer layer;
  std::int64_t cycles = 0;
  std::int64_t macs = 0;
  std::int64_t tiles = 0;
  ArrayActivity activity;      // native runs: the array's streaming, preloads and drains (tile_timing.h)
  double utilization = 0;      // MACs / (PEs x cycles)
  CycleBreakdown breakdown;    // native runs: the array's own accounting
  StallCycles stalls;          // native runs: the report's breakdown, summing to `cycles`
  std::optional<ScaleSimCounts> scalesim;
  std::optional<bool> functional_match;  // functional runs: output equals a direct convolution
  std::optional<MemoryTraffic> traffic;  // runs through the memory system
  std::int64_t scratchpad_buffers = 0;   // 2 when the layer's tiles were double-buffered
  std::optional<LayerMapping> mapping;   // native memory-system runs: what the mapper chose
  std::int64_t blocks = 0, commands = 0; // the mapped layer's blocks and command-stream length
  std::int64_t vector_cycles = 0;        // cycles the vector unit worked
  // Multi-core runs: each core's part (a pipeline: one per image), the split made (none in a pipeline,
  // which gives whole layers to cores), and the imbalance of a split: the busiest core's cycles in the
  // layer over the mean over all the run's cores (1: perfectly even; cores without a part count as 0).
  std::vector<LayerPart> parts;
  std::optional<PartitionStrategy> split;
  double imbalance = 1;
  // The cores whose PEs `cycles` and `utilization` are measured against: all of them when the layer had
  // the machine to itself (one core, or a split with a barrier), one when layers overlapped.
  int pe_cores = 1;
  int cores_used() const;  // distinct cores among the parts
};

// One core over the whole run (multi-core runs).
struct CoreResult {
  std::int64_t busy_cycles = 0;    // running its parts of layers
  std::int64_t waited_cycles = 0;  // waiting for other cores (a barrier, a pipeline stage)
  std::int64_t macs = 0;
  std::int64_t parts = 0;
  double utilization = 0;  // MACs / (its PEs x the run's cycles)
};

enum class TimingMode { Native, ScaleSim };

struct RunResult {
  TimingMode mode = TimingMode::Native;
  ArchSpec arch;
  bool functional = false;
  bool ideal_memory = false;  // loads and stores took no time: the array and vector unit alone
  std::vector<LayerResult> layers;
  std::optional<MemoryTraffic> traffic;  // the run's total (memory-system runs)
  std::map<int, L2Counters> l2_by_core;  // the L2's counters per requesting core (memory-system runs)
  std::int64_t total_cycles = 0;
  std::int64_t total_macs = 0;
  double wall_seconds = 0;
  std::string network;                    // the network's name
  int batch = 1;
  std::vector<std::string> warnings;      // from the importer: operators skipped or timed on the vector unit
  std::uint64_t weight_bytes = 0;         // main memory the weights take
  std::uint64_t peak_activation_bytes = 0;  // most activation bytes live at once (tensors freed after last use)
  std::optional<energy::RunEnergy> energy;  // native runs: every layer priced (docs/energy.md)
  // Multi-core runs: every core, and whether layers ran at the same time on different cores (a pipeline, a
  // batch split). Then a layer's cycles are the sum of its parts' (core-cycles), the run's cycles are its
  // makespan, and memory traffic is known for the run only, not per layer.
  std::vector<CoreResult> cores;
  bool layers_overlap = false;
  double imbalance() const;  // the busiest core's cycles over the mean (1 for one core)

  double utilization() const;
  double simulated_cycles_per_second() const;
};

// MACs / (PEs x cycles), 0 for no cycles; with `cores`, the PEs of that many cores.
double utilization(const ArchSpec& arch, std::int64_t macs, std::int64_t cycles, int cores = 1);

// A layer's result from how it ran on a core.
LayerResult layer_result(const ArchSpec& arch, const Layer& layer, const LayerTiming& timing);

}  // namespace systolica
