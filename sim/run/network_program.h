#pragma once
// What each core runs: the network's layers mapped, and with several cores split among them by the
// partition strategy (workloads/partition.h, docs/multicore.md). Plain C++; the SoC runs the programs.
#include <cstddef>
#include <vector>

#include "arch/core/core_controller.h"
#include "sim/run/run_driver.h"
#include "workloads/partition.h"
#include "workloads/tensor_placement.h"

namespace systolica {

// One core's share of a layer: the core, and the job's index in that core's program.
struct LayerPartRef {
  int core = 0;
  std::size_t job = 0;
};

struct NetworkProgram {
  std::vector<std::vector<CoreLayerJob>> cores;  // one program per core, in the order it runs
  std::vector<std::vector<LayerPartRef>> parts;  // per layer: its parts
  std::vector<PartitionStrategy> split;          // per layer: the split made (Pipeline: none inside a layer)
};

// Maps every layer for arch.cores cores. `scales` holds each layer's read-out. Throws MappingError when a
// part cannot be mapped, std::invalid_argument for a strategy or pin that cannot apply.
NetworkProgram build_network_program(const ArchSpec& arch, const Network& net, const NetworkPlacement& place,
                                     const RunOptions& options, const std::vector<OutputScale>& scales);

// The network-wide strategy of an architecture (partition.strategy).
PartitionStrategy network_strategy(const ArchSpec& arch);

}  // namespace systolica
