#include "sim/run/run_result.h"

namespace systolica {

double utilization(const ArchSpec& arch, std::int64_t macs, std::int64_t cycles) {
  const double peak = static_cast<double>(arch.array.rows) * arch.array.cols * static_cast<double>(cycles);
  return peak > 0 ? static_cast<double>(macs) / peak : 0.0;
}

LayerResult layer_result(const ArchSpec& arch, const Layer& layer, const LayerTiming& timing) {
  LayerResult r;
  r.layer = layer;
  r.cycles = timing.end - timing.start;
  r.macs = timing.macs;
  r.tiles = timing.tiles;
  r.activity = timing.activity;
  r.breakdown = timing.breakdown;
  r.scratchpad_buffers = timing.scratchpad_buffers;
  r.utilization = utilization(arch, r.macs, r.cycles);
  return r;
}

double RunResult::utilization() const { return systolica::utilization(arch, total_macs, total_cycles); }

double RunResult::simulated_cycles_per_second() const {
  return wall_seconds > 0 ? static_cast<double>(total_cycles) / wall_seconds : 0.0;
}

}  // namespace systolica
