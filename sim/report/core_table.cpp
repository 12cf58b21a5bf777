#include "sim/report/core_table.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>
#include <numeric>
#include <string>
#include <vector>

#include "sim/report/text_table.h"

namespace systolica {

namespace {

constexpr std::size_t kUnevenLayersShown = 5;

std::string share(std::int64_t part, std::int64_t whole) {
  return whole > 0 ? fmt::format("{:.1f}%", 100.0 * static_cast<double>(part) / static_cast<double>(whole))
                   : std::string("-");
}

}  // namespace

void print_core_table(std::ostream& os, const RunResult& r) {
  if (r.cores.empty()) return;
  const std::int64_t span = r.total_cycles;
  fmt::print(os, "\n{:<6}  {:>18}  {:>12}  {:>12}  {:>16}  {:>11}  {:>6}\n", "core", "busy cycles", "waited",
             "idle", "MACs", "utilization", "parts");
  for (std::size_t c = 0; c < r.cores.size(); ++c) {
    const CoreResult& k = r.cores[c];
    const std::int64_t idle = std::max<std::int64_t>(0, span - k.busy_cycles - k.waited_cycles);
    fmt::print(os, "{:<6}  {:>18}  {:>12}  {:>12}  {:>16}  {:>11}  {:>6}\n", c,
               fmt::format("{} ({})", k.busy_cycles, share(k.busy_cycles, span)), k.waited_cycles, idle, k.macs,
               fmt::format("{:.1f}%", 100 * k.utilization), k.parts);
  }
  std::string text = fmt::format(
      "{} cores, partition {}: the run took {} cycles; imbalance {:.2f} (the busiest core's busy cycles over "
      "the mean; 1 is even).",
      r.cores.size(), r.arch.partition.strategy, span, r.imbalance());
  if (r.layers_overlap) {
    text +=
        " Layers overlapped (cores worked on different images or layers at once), so a layer's cycles are "
        "the sum of its parts' and the memory traffic is reported for the run only.";
  }
  // The layers that left the most core-cycles unused: (imbalance - 1) x mean part.
  std::vector<std::size_t> order(r.layers.size());
  std::iota(order.begin(), order.end(), 0);
  auto lost = [&](std::size_t i) {
    const LayerResult& l = r.layers[i];
    return l.parts.empty() || !l.split ? 0.0
                                       : (l.imbalance - 1) * static_cast<double>(l.cycles) / l.imbalance;
  };
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return lost(a) > lost(b); });
  std::string uneven;
  for (std::size_t k = 0; k < order.size() && k < kUnevenLayersShown; ++k) {
    const LayerResult& l = r.layers[order[k]];
    if (lost(order[k]) <= 0 || l.imbalance < 1.05) break;
    uneven += fmt::format("{}{} ({} on {} of {} cores, imbalance {:.2f})", uneven.empty() ? "" : ", ",
                          l.layer.name, to_string(*l.split), l.cores_used(), r.cores.size(), l.imbalance);
  }
  if (!uneven.empty()) text += " Least evenly shared: " + uneven + ".";
  fmt::print(os, "{}", wrap(text, kTableWidth));
}

}  // namespace systolica
