#include "sim/sweep/point_record.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "sim/sweep/atomic_file.h"
#include "sim/sweep/sweep_points.h"

namespace systolica::sweep {

namespace fs = std::filesystem;
using nlohmann::ordered_json;

namespace {

template <typename T>
ordered_json or_null(const std::optional<T>& v) {
  return v ? ordered_json(*v) : ordered_json(nullptr);
}

template <typename T>
std::optional<T> optional_field(const ordered_json& j, const char* key) {
  const auto it = j.find(key);
  if (it == j.end() || it->is_null()) return std::nullopt;
  return it->get<T>();
}

}  // namespace

bool PointMetrics::operator==(const PointMetrics& o) const {
  return cycles == o.cycles && energy_pj == o.energy_pj && static_energy_pj == o.static_energy_pj &&
         utilization == o.utilization && dram_bytes == o.dram_bytes && sram_bytes == o.sram_bytes;
}

bool PointRecord::same_result(const PointRecord& o) const {
  return index == o.index && ok == o.ok && values == o.values && metrics == o.metrics && error == o.error;
}

std::string point_json(const PointRecord& r) {
  ordered_json values = ordered_json::object();
  for (const auto& [key, value] : r.values) values[key] = value;
  const PointMetrics& m = r.metrics;
  ordered_json j = {{"point", r.index},
                    {"status", r.ok ? "ok" : "error"},
                    {"values", values},
                    {"metrics",
                     {{"cycles", or_null(m.cycles)},
                      {"energy_pj", or_null(m.energy_pj)},
                      {"static_energy_pj", or_null(m.static_energy_pj)},
                      {"utilization", or_null(m.utilization)},
                      {"dram_bytes", or_null(m.dram_bytes)},
                      {"sram_bytes", or_null(m.sram_bytes)}}},
                    {"error", r.error},
                    {"wall_seconds", r.wall_seconds}};
  return j.dump(2) + "\n";
}

PointRecord parse_point_json(const std::string& text, const std::string& source) {
  try {
    const ordered_json j = ordered_json::parse(text);
    PointRecord r;
    r.index = j.at("point").get<int>();
    const std::string status = j.at("status").get<std::string>();
    if (status != "ok" && status != "error") throw std::runtime_error("status is neither ok nor error");
    r.ok = status == "ok";
    for (const auto& [key, value] : j.at("values").items())
      r.values.emplace_back(key, value.get<std::string>());
    const ordered_json& m = j.at("metrics");
    r.metrics.cycles = optional_field<std::int64_t>(m, "cycles");
    r.metrics.energy_pj = optional_field<double>(m, "energy_pj");
    r.metrics.static_energy_pj = optional_field<double>(m, "static_energy_pj");
    r.metrics.utilization = optional_field<double>(m, "utilization");
    r.metrics.dram_bytes = optional_field<std::uint64_t>(m, "dram_bytes");
    r.metrics.sram_bytes = optional_field<std::uint64_t>(m, "sram_bytes");
    r.error = j.at("error").get<std::string>();
    r.wall_seconds = j.at("wall_seconds").get<double>();
    return r;
  } catch (const std::exception& e) {
    throw std::runtime_error(fmt::format("{}: not a sweep point file ({})", source, e.what()));
  }
}

fs::path points_dir(const fs::path& sweep_dir) {
  return sweep_dir / "points";
}

fs::path point_file(const fs::path& sweep_dir, int index) {
  return points_dir(sweep_dir) / (point_name(index) + ".json");
}

void write_point_file(const fs::path& sweep_dir, const PointRecord& r) {
  write_file_atomically(point_file(sweep_dir, r.index), point_json(r));
}

std::map<int, PointRecord> read_point_files(const fs::path& sweep_dir) {
  std::map<int, PointRecord> records;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(points_dir(sweep_dir), ec)) {
    const fs::path& p = entry.path();
    if (is_temporary_file(p) || p.extension() != ".json") continue;
    PointRecord r = parse_point_json(read_text_file(p), p.string());
    if (p.filename() != point_file(sweep_dir, r.index).filename()) {
      throw std::runtime_error(
          fmt::format("{}: holds point {}, not the point its name says", p.string(), r.index));
    }
    records[r.index] = std::move(r);
  }
  return records;
}

}  // namespace systolica::sweep
