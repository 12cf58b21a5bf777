#include "sim/sweep/results_csv.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <initializer_list>
#include <optional>

#include "sim/sweep/atomic_file.h"

namespace systolica::sweep {

namespace {

// Integers as integers, reals in their shortest exact form, absent values as empty cells.
template <typename T>
std::string cell(const std::optional<T>& v) {
  return v ? fmt::format("{}", *v) : std::string();
}

std::string row(const std::vector<std::string>& keys, const PointRecord& r) {
  std::vector<std::string> cells = {std::to_string(r.index), r.ok ? "ok" : "error"};
  for (const std::string& key : keys) {
    const auto it =
        std::find_if(r.values.begin(), r.values.end(), [&](const KeyValue& kv) { return kv.first == key; });
    cells.push_back(it == r.values.end() ? "" : csv_field(it->second));
  }
  const PointMetrics& m = r.metrics;
  for (std::string c : {cell(m.cycles), cell(m.energy_pj), cell(m.static_energy_pj), cell(m.utilization),
                        cell(m.dram_bytes), cell(m.sram_bytes)}) {
    cells.push_back(std::move(c));
  }
  cells.push_back(fmt::format("{:.3f}", r.wall_seconds));
  cells.push_back(csv_field(r.error));
  return fmt::format("{}\n", fmt::join(cells, ","));
}

}  // namespace

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string quoted = "\"";
  for (char c : s) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

std::string results_csv(const std::vector<std::string>& keys, const std::map<int, PointRecord>& records) {
  std::vector<std::string> header = {"point", "status"};
  for (const std::string& key : keys) header.push_back(csv_field(key));
  for (const char* column : {"cycles", "energy_pj", "static_energy_pj", "utilization", "dram_bytes",
                             "sram_bytes", "wall_seconds", "error"}) {
    header.emplace_back(column);
  }
  std::string out = fmt::format("{}\n", fmt::join(header, ","));
  for (const auto& [index, record] : records) out += row(keys, record);  // std::map: sorted by index
  return out;
}

void write_results_csv(const std::filesystem::path& sweep_dir, const std::vector<std::string>& keys,
                       const std::map<int, PointRecord>& records) {
  write_file_atomically(sweep_dir / "results.csv", results_csv(keys, records));
}

}  // namespace systolica::sweep
