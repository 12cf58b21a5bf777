#pragma once
// What a finished point leaves behind: DIR/points/<point>.json, written atomically once the point has
// finished (ok or error). These files are the sweep's state: resume, results.csv and merge all read them.
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/sweep/sweep_spec.h"

namespace systolica::sweep {

// A point's results; a field is absent when the run did not report it (energy, before the energy model)
// or the point failed.
struct PointMetrics {
  std::optional<std::int64_t> cycles;
  std::optional<double> energy_pj;
  std::optional<double> static_energy_pj;
  std::optional<double> utilization;
  std::optional<std::uint64_t> dram_bytes;
  std::optional<std::uint64_t> sram_bytes;

  bool operator==(const PointMetrics& o) const;
};

struct PointRecord {
  int index = 0;
  bool ok = false;
  std::vector<KeyValue> values;  // the point's keys and values as the spec writes them
  PointMetrics metrics;
  std::string error;  // one line; empty when ok
  double wall_seconds = 0;

  // Equal in everything but the wall time, which differs from run to run.
  bool same_result(const PointRecord& o) const;
};

std::string point_json(const PointRecord& r);
// Throws std::runtime_error naming `source` if the text is not a point file.
PointRecord parse_point_json(const std::string& text, const std::string& source);

std::filesystem::path points_dir(const std::filesystem::path& sweep_dir);
std::filesystem::path point_file(const std::filesystem::path& sweep_dir, int index);

void write_point_file(const std::filesystem::path& sweep_dir, const PointRecord& r);
// Every point file under DIR/points, by index (temporary files of a killed writer are skipped). Throws
// std::runtime_error for a file that does not parse: point files are only ever written whole.
std::map<int, PointRecord> read_point_files(const std::filesystem::path& sweep_dir);

}  // namespace systolica::sweep
