#include "sim/run/run_driver.h"

#include <fmt/format.h>

#include <chrono>
#include <stdexcept>
#include <systemc>

#include "arch/sram/sram_geometry.h"
#include "arch/systolic/scalesim_timing.h"
#include "sim/run/network_run.h"

namespace systolica {

namespace {

void run_scalesim(const ArchSpec& arch, const std::vector<Layer>& layers, RunResult& result) {
  for (const Layer& layer : layers) {
    const ScaleSimResult s = evaluate_scalesim(layer, arch.array.rows, arch.array.cols, arch.array.dataflow);
    LayerResult r;
    r.layer = layer;
    r.cycles = s.compute_cycles;
    r.macs = s.macs;
    r.tiles = s.folds;
    r.utilization = s.utilization;
    r.scalesim = ScaleSimCounts{s.ifmap_sram_reads, s.filter_sram_reads, s.ofmap_sram_writes,
                                s.mapping_efficiency, s.folds};
    result.layers.push_back(r);
  }
}

}  // namespace

Network independent_layers(const std::vector<Layer>& layers) {
  Network net;
  net.name = layers.size() == 1 ? layers.front().name : "layers";
  for (Layer l : layers) {
    l.inputs.clear();  // each reads an input of its own
    net.layers.push_back(l);
  }
  if (!layers.empty()) {
    const Layer& f = layers.front();
    net.input = TensorShape{f.batch, f.in_h, f.in_w, f.in_c};
  }
  return net;
}

RunResult run_network(const ArchSpec& arch, const Network& net, const RunOptions& options) {
  if (net.layers.empty()) throw std::invalid_argument("nothing to run: no layers");
  net.validate();
  // SCALE-Sim conventions time the array layers one by one.
  std::vector<Layer> layers;
  for (const Layer& l : net.layers) {
    if (l.on_array()) layers.push_back(l);
  }
  if (options.mode == TimingMode::ScaleSim && layers.size() != net.layers.size()) {
    throw std::invalid_argument(
        fmt::format("--compat scalesim times array layers only; '{}' has pooling, add or "
                    "vector layers (run it with native timing)",
                    net.name));
  }
  if (options.mode == TimingMode::ScaleSim && options.functional) {
    throw std::invalid_argument("--functional needs native timing; SCALE-Sim conventions compute no values");
  }
  RunResult result;
  result.network = net.name;
  result.batch = net.input.n;
  result.warnings = net.warnings;
  result.mode = options.mode;
  result.arch = arch;
  result.functional = options.functional;
  result.ideal_memory = options.ideal_memory;
  const auto t0 = std::chrono::steady_clock::now();
  if (options.mode == TimingMode::ScaleSim) {
    run_scalesim(arch, layers, result);
  } else {
    run_network_through_memory(arch, net, options, result);
  }
  result.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  // One core runs its layers back to back; a multi-core run's cycles are its makespan (network_run.cpp).
  const bool makespan_known = !result.cores.empty();
  for (const LayerResult& r : result.layers) {
    if (!makespan_known) result.total_cycles += r.cycles;
    result.total_macs += r.macs;
  }
  if (options.mode == TimingMode::Native) {
    result.energy = energy::price_run(result);  // SCALE-Sim conventions count no memory actions
  }
  return result;
}

}  // namespace systolica
