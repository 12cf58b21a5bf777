#pragma once
// Energy of a whole run: every layer priced, the total, and the parameters and per-action costs used.
#include <optional>
#include <vector>

#include "sim/energy/energy_breakdown.h"
#include "sim/energy/energy_model.h"
#include "sim/energy/energy_parameters.h"

namespace systolica {
struct RunResult;
}

namespace systolica::energy {

struct RunEnergy {
  EnergyParameters parameters;
  ActionCosts costs;
  std::vector<EnergyBreakdown> layers;  // aligned with RunResult::layers
  // A run whose layers overlapped on several cores (RunResult::layers_overlap): its memory traffic and its
  // static energy over the whole runtime, which belong to no single layer.
  std::optional<EnergyBreakdown> unattributed;
  EnergyBreakdown total;  // the sum of the layers (and the unattributed part): the breakdown conserves energy

  double pj_per_mac(std::int64_t macs) const {
    return macs > 0 ? total.total() / static_cast<double>(macs) : 0;
  }
  // Two operations (multiply, add) per MAC; ops per pJ is tera-ops per joule, i.e. TOPS/W.
  double tops_per_watt(std::int64_t macs) const {
    return total.total() > 0 ? 2.0 * static_cast<double>(macs) / total.total() : 0;
  }
  double average_power_mw(double seconds) const { return seconds > 0 ? total.total() * 1e-9 / seconds : 0; }
  double inferences_per_joule(int batch) const {
    return total.total() > 0 ? batch / (total.total() * 1e-12) : 0;
  }
};

// Prices every layer of a native run. The counts come from the run's per-layer results; layers of an
// ideal-memory run have no memory traffic, so only the array, vector unit and leakage cost anything.
// When layers overlapped, each layer is priced for its array and vector work only, and the run's memory
// traffic, DRAM background and leakage over its makespan go to `unattributed`.
RunEnergy price_run(const RunResult& run);

}  // namespace systolica::energy
