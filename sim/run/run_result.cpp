#include "sim/run/run_result.h"

#include <algorithm>
#include <vector>

namespace systolica {

double utilization(const ArchSpec& arch, std::int64_t macs, std::int64_t cycles, int cores) {
  const double peak =
      static_cast<double>(arch.array.rows) * arch.array.cols * static_cast<double>(cycles) * cores;
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

int LayerResult::cores_used() const {
  std::vector<int> cores;
  for (const LayerPart& p : parts) cores.push_back(p.core);
  std::sort(cores.begin(), cores.end());
  return static_cast<int>(std::unique(cores.begin(), cores.end()) - cores.begin());
}

double RunResult::utilization() const {
  return systolica::utilization(arch, total_macs, total_cycles, std::max<int>(1, static_cast<int>(cores.size())));
}

double RunResult::imbalance() const {
  if (cores.size() < 2) return 1;
  std::int64_t most = 0, sum = 0;
  for (const CoreResult& c : cores) {
    most = std::max(most, c.busy_cycles);
    sum += c.busy_cycles;
  }
  return sum > 0 ? static_cast<double>(most) * static_cast<double>(cores.size()) / static_cast<double>(sum) : 1;
}

double RunResult::simulated_cycles_per_second() const {
  return wall_seconds > 0 ? static_cast<double>(total_cycles) / wall_seconds : 0.0;
}

}  // namespace systolica
