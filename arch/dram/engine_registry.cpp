#include "arch/dram/engine_registry.h"

#include <fmt/format.h>

#include <stdexcept>

#include "arch/dram/cycle_engine.h"
#include "arch/dram/fixed_engine.h"

namespace systolica::dram {

namespace {

struct Entry {
  std::string_view name;
  std::unique_ptr<DramEngine> (*make)(const DramConfig&);
};

template <typename Engine>
std::unique_ptr<DramEngine> make(const DramConfig& cfg) {
  return std::make_unique<Engine>(cfg);
}

constexpr Entry kEngines[] = {
    {"cycle", &make<CycleEngine>},  // per-bank controllers with the preset's timing
    {"fixed", &make<FixedEngine>},  // constant latency, for debugging
};

}  // namespace

std::unique_ptr<DramEngine> make_dram_engine(const DramConfig& cfg) {
  for (const Entry& e : kEngines) {
    if (e.name == cfg.model) return e.make(cfg);
  }
  throw std::invalid_argument(
      fmt::format("DRAM model '{}' is unknown; expected one of {}", cfg.model, fmt::join(dram_engine_names(), ", ")));
}

std::vector<std::string> dram_engine_names() {
  std::vector<std::string> names;
  for (const Entry& e : kEngines) names.emplace_back(e.name);
  return names;
}

}  // namespace systolica::dram
