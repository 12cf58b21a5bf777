#pragma once
// A point's metrics from the summary.json its `systolica run` child wrote (sim/report/output_files.cpp).
#include <filesystem>

#include "sim/sweep/point_record.h"

namespace systolica::sweep {

// cycles, utilization and dram_bytes (DRAM read + write bytes) are required; energy_pj and
// static_energy_pj are read when the run reports them. sram_bytes is not in summary.json and stays
// unset. Throws std::runtime_error naming the file if it is missing or lacks a required field.
PointMetrics read_run_metrics(const std::filesystem::path& summary_json);

}  // namespace systolica::sweep
