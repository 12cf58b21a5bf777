#include "sim/sweep/run_summary.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "sim/sweep/atomic_file.h"

namespace systolica::sweep {

namespace {
std::optional<double> optional_number(const nlohmann::json& total, const char* key) {
  const auto it = total.find(key);
  if (it == total.end() || !it->is_number()) return std::nullopt;
  return it->get<double>();
}
}  // namespace

PointMetrics read_run_metrics(const std::filesystem::path& summary_json) {
  try {
    const nlohmann::json total = nlohmann::json::parse(read_text_file(summary_json)).at("total");
    PointMetrics m;
    m.cycles = total.at("cycles").get<std::int64_t>();
    m.utilization = optional_number(total, "utilization");  // null when the run took no cycles
    m.dram_bytes =
        total.at("dram_read_bytes").get<std::uint64_t>() + total.at("dram_write_bytes").get<std::uint64_t>();
    m.energy_pj = optional_number(total, "energy_pj");
    m.static_energy_pj = optional_number(total, "static_energy_pj");
    return m;
  } catch (const std::exception& e) {
    throw std::runtime_error(fmt::format("{}: unreadable run summary ({})", summary_json.string(), e.what()));
  }
}

}  // namespace systolica::sweep
