#include "sim/sweep/point_config.h"

#include <fmt/format.h>

#include "sim/config/config_loader.h"

namespace systolica::sweep {

std::vector<std::string> point_overrides(const SweepSpec& spec, const SweepPoint& point) {
  std::vector<std::string> out;
  for (const auto& [key, value] : spec.set) out.push_back(fmt::format("{}={}", key, value));
  for (const auto& [key, value] : point.values) out.push_back(fmt::format("{}={}", key, value));
  return out;
}

std::uint64_t sram_bytes(const ArchSpec& arch) {
  const std::uint64_t per_core = arch.scratchpad.capacity_bytes + arch.accumulator.capacity_bytes;
  return static_cast<std::uint64_t>(arch.cores) * per_core + arch.l2.capacity_bytes;
}

PointConfigCheck check_point_config(const SweepSpec& spec, const SweepPoint& point) {
  PointConfigCheck check;
  try {
    const ResolvedConfig config = load_config(spec.config_path, point_overrides(spec, point));
    check.ok = true;
    check.sram_bytes = sram_bytes(config.arch);
  } catch (const ConfigError& e) {
    check.error = e.what();
  }
  return check;
}

}  // namespace systolica::sweep
