#include "sim/energy/run_energy.h"

#include "sim/run/run_result.h"

namespace systolica::energy {

RunEnergy price_run(const RunResult& run) {
  RunEnergy out;
  out.parameters = resolve_energy_parameters(run.arch);
  const EnergyModel model(run.arch, out.parameters);
  out.costs = model.costs();
  for (const LayerResult& l : run.layers) {
    ActivityCounts n;
    n.cycles = l.cycles;
    n.macs = l.macs;
    n.dataflow = l.mapping ? l.mapping->dataflow : run.arch.array.dataflow;
    n.array = l.activity;
    n.vector_cycles = l.vector_cycles;
    if (l.traffic) n.traffic = *l.traffic;
    if (run.layers_overlap) n.cycles = 0;  // leakage runs over the makespan, priced once below
    out.layers.push_back(model.price(n));
    out.total += out.layers.back();
  }
  if (run.layers_overlap) {
    ActivityCounts rest;
    rest.cycles = run.total_cycles;
    if (run.traffic) rest.traffic = *run.traffic;
    out.unattributed = model.price(rest);
    out.total += *out.unattributed;
  }
  return out;
}

}  // namespace systolica::energy
