#pragma once
// Runs layers on an architecture and returns the results. Native runs elaborate a SystemC model, which
// SystemC allows once per process: call run_layers at most once per process in native mode.
#include <cstdint>
#include <vector>

#include "sim/run/run_result.h"
#include "workloads/tiler.h"

namespace systolica {

struct RunOptions {
  TimingMode mode = TimingMode::Native;
  bool functional = false;   // compute real int8 values and check them against a direct convolution
  bool ideal_memory = false; // skip the memory system: every operand is ready when the array wants it
  std::uint64_t seed = 1;    // for the functional run's random tensors
};

// How the fixed tiler blocks layers for this architecture: WS and IS stream blocks of half the
// accumulator's rows (double-buffered).
TilingPlan tiling_for(const ArchSpec& arch);

// Throws std::invalid_argument (a user error) when a layer cannot run under the chosen mode.
RunResult run_layers(const ArchSpec& arch, const std::vector<Layer>& layers, const RunOptions& options);

}  // namespace systolica
