#pragma once
// Runs layers on an architecture and returns the results. Native runs elaborate a SystemC model, which
// SystemC allows once per process: call run_layers at most once per process in native mode.
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "sim/run/run_result.h"
#include "workloads/mapping.h"
#include "workloads/network.h"

namespace systolica {

struct RunOptions {
  std::map<std::string, MappingPin> pins;  // per layer name: what the config pins of its mapping
  // Called after each layer with (layers done, layers in all), for a progress indicator.
  std::function<void(std::size_t, std::size_t)> progress;
  TimingMode mode = TimingMode::Native;
  bool functional = false;    // compute real int8 values and check them against a direct convolution
  bool ideal_memory = false;  // the same mapping and commands, but every load and store takes no time
  std::uint64_t seed = 1;     // for the functional run's random tensors
};

// Throws std::invalid_argument (a user error) when a layer cannot run under the chosen mode, and
// MappingError when a layer's mapping cannot fit.
RunResult run_network(const ArchSpec& arch, const Network& net, const RunOptions& options);

// Independent layers (each reads an input of its own), as a network.
Network independent_layers(const std::vector<Layer>& layers);

}  // namespace systolica
