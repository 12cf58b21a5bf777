#pragma once
// DIR/results.csv: one row per finished point, sorted by point index, with the columns
//   point,status,<swept keys in spec order>,cycles,energy_pj,static_energy_pj,utilization,dram_bytes,
//   sram_bytes,wall_seconds,error
// Rebuilt whole from the point records after every finished point, and written atomically, so a reader (or
// a killed sweep) only ever sees a complete table.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "sim/sweep/point_record.h"

namespace systolica::sweep {

std::string results_csv(const std::vector<std::string>& keys, const std::map<int, PointRecord>& records);

void write_results_csv(const std::filesystem::path& sweep_dir, const std::vector<std::string>& keys,
                       const std::map<int, PointRecord>& records);

// RFC 4180: a field holding a comma, a quote or a line break is quoted, its quotes doubled.
std::string csv_field(const std::string& s);

}  // namespace systolica::sweep
