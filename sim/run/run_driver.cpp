#include "sim/run/run_driver.h"

#include <fmt/format.h>

#include <chrono>
#include <stdexcept>
#include <systemc>

#include "arch/core/compute_core.h"
#include "arch/systolic/scalesim_timing.h"
#include "arch/sram/sram_geometry.h"
#include "sim/run/memory_run.h"
#include "workloads/layer_tensors.h"
#include "workloads/tiler.h"

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

// Operands always ready: the array alone, for an upper bound on what the memory system allows.
void run_ideal(const ArchSpec& arch, const std::vector<Layer>& layers, const RunOptions& options,
               RunResult& result) {
  std::vector<LayerTensors> tensors(options.functional ? layers.size() : 0);
  std::vector<LayerJob> program;
  for (std::size_t i = 0; i < layers.size(); ++i) {
    LayerJob job;
    job.layer = layers[i];
    job.plan = tiling_for(arch);
    if (options.functional) {
      tensors[i] = make_random_tensors(layers[i], options.seed + i);
      job.tensors = &tensors[i];
    }
    program.push_back(job);
  }

  ComputeCore core("core0", arch, std::move(program));
  sc_core::sc_start();
  if (!core.controller().finished()) throw std::logic_error("simulation ended before the program finished");

  const auto& timings = core.controller().layer_timings();
  for (std::size_t i = 0; i < layers.size(); ++i) {
    LayerResult r = layer_result(arch, layers[i], timings[i]);
    if (options.functional) r.functional_match = tensors[i].output == direct_convolution(layers[i], tensors[i]);
    result.layers.push_back(r);
  }
}

}  // namespace

TilingPlan tiling_for(const ArchSpec& arch) {
  const auto accumulator_rows = static_cast<std::uint64_t>(SramGeometry(arch.accumulator).rows());
  return plan_tiling(arch.array.rows, arch.array.cols, arch.array.dataflow, accumulator_rows * arch.array.cols * 4);
}

RunResult run_layers(const ArchSpec& arch, const std::vector<Layer>& layers, const RunOptions& options) {
  if (layers.empty()) throw std::invalid_argument("nothing to run: no layers");
  for (const Layer& l : layers) l.validate();
  if (arch.cores != 1 && options.mode == TimingMode::Native) {
    throw std::invalid_argument(fmt::format("cores = {}: native runs model one core for now; multi-core "
                                            "partitioning is not built yet (set cores: 1)",
                                            arch.cores));
  }
  if (options.mode == TimingMode::ScaleSim && options.functional) {
    throw std::invalid_argument("--functional needs native timing; SCALE-Sim conventions compute no values");
  }
  RunResult result;
  result.mode = options.mode;
  result.arch = arch;
  result.functional = options.functional;
  result.ideal_memory = options.ideal_memory;
  const auto t0 = std::chrono::steady_clock::now();
  if (options.mode == TimingMode::ScaleSim) {
    run_scalesim(arch, layers, result);
  } else if (options.ideal_memory) {
    run_ideal(arch, layers, options, result);
  } else {
    run_through_memory(arch, layers, options, result);
  }
  result.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  for (const LayerResult& r : result.layers) {
    result.total_cycles += r.cycles;
    result.total_macs += r.macs;
  }
  return result;
}

}  // namespace systolica
