#include "sim/report/energy_text.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>
#include <string>
#include <vector>

#include "sim/report/text_table.h"

namespace systolica {

namespace {

// Energy with a unit that keeps three significant digits readable: "812 pJ", "3.41 uJ", "2.95 mJ".
std::string joules(double pj) {
  if (pj >= 1e9) return fmt::format("{:.3g} mJ", pj * 1e-9);
  if (pj >= 1e6) return fmt::format("{:.3g} uJ", pj * 1e-6);
  if (pj >= 1e3) return fmt::format("{:.3g} nJ", pj * 1e-3);
  return fmt::format("{:.3g} pJ", pj);
}

std::vector<std::string> cells(const energy::EnergyBreakdown& e, std::int64_t macs) {
  return {joules(e.total()),
          macs > 0 ? fmt::format("{:.2f}", e.total() / static_cast<double>(macs)) : std::string("-"),
          joules(e.array + e.vector_unit),
          joules(e.scratchpad + e.accumulator),
          joules(e.l2 + e.interconnect),
          joules(e.dram_dynamic),
          joules(e.dram_background),
          joules(e.leakage)};
}

}  // namespace

void print_energy(std::ostream& os, const RunResult& r) {
  if (!r.energy) return;
  const energy::RunEnergy& en = *r.energy;
  std::size_t name_w = 6;
  for (const auto& l : r.layers) name_w = std::max(name_w, l.layer.name.size());
  name_w = std::min<std::size_t>(name_w, kTableWidth - std::size_t{8} * 12);
  auto row = [&](const std::string& name, const std::vector<std::string>& c) {
    std::string line = fmt::format("{:<{}}", fit(name, name_w), name_w);
    for (const std::string& s : c) line += fmt::format("  {:>10}", s);
    fmt::print(os, "{}\n", line);
  };
  fmt::print(os, "\n");
  row("energy", {"total", "pJ/MAC", "array+vec", "SPAD+ACC", "L2+NoC", "DRAM dyn", "DRAM bg", "leakage"});
  for (std::size_t i = 0; i < r.layers.size() && i < en.layers.size(); ++i) {
    row(r.layers[i].layer.name, cells(en.layers[i], r.layers[i].macs));
  }
  if (en.unattributed) row("(not per layer)", cells(*en.unattributed, 0));
  row("total", cells(en.total, r.total_macs));
  if (en.unattributed) {
    fmt::print(os, "{}",
               wrap("Layers overlapped on several cores, so memory traffic, DRAM background and leakage are "
                    "priced for the run as a whole, not per layer.",
                    kTableWidth));
  }

  const double seconds = static_cast<double>(r.total_cycles) / r.arch.clock.core_hz;
  const double total = en.total.total();
  fmt::print(
      os,
      "\nenergy: {} per inference ({} for batch {}) at {} nm with {}: {:.2f} pJ/MAC, {:.0f} mW average,\n"
      "{:.0f} inferences/J, {:.2f} TOPS/W; static {} ({:.0f}%: DRAM background and leakage).\n",
      joules(total / std::max(1, r.batch)), joules(total), r.batch, r.arch.energy.tech_nm, r.arch.dram.preset,
      en.pj_per_mac(r.total_macs), en.average_power_mw(seconds), en.inferences_per_joule(r.batch),
      en.tops_per_watt(r.total_macs), joules(en.total.static_energy()),
      total > 0 ? 100.0 * en.total.static_energy() / total : 0.0);
  std::string parts;
  for (const auto& [name, pj] : en.total.components()) {
    if (!parts.empty()) parts += ", ";
    parts += fmt::format("{} {:.1f}%", name, total > 0 ? 100.0 * pj / total : 0.0);
  }
  fmt::print(os, "{}", wrap(fmt::format("By component: {}.", parts), kTableWidth));
  int overridden = 0;
  for (std::size_t i = 0; i < kEnergyParamCount; ++i)
    overridden += en.parameters.overridden(static_cast<EnergyParam>(i));
  if (overridden > 0) {
    fmt::print(os,
               "{} energy parameter{} set in the config; summary.json lists every value and its source.\n",
               overridden, overridden == 1 ? "" : "s");
  }
}

}  // namespace systolica
