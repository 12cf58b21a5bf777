#include "sim/run/run_result.h"

namespace systolica {

double RunResult::utilization() const {
  const double peak = static_cast<double>(arch.array.rows) * arch.array.cols * static_cast<double>(total_cycles);
  return peak > 0 ? static_cast<double>(total_macs) / peak : 0.0;
}

double RunResult::simulated_cycles_per_second() const {
  return wall_seconds > 0 ? static_cast<double>(total_cycles) / wall_seconds : 0.0;
}

}  // namespace systolica
