#include "sim/sweep/sweep_points.h"

#include <fmt/format.h>

#include <algorithm>

namespace systolica::sweep {

std::vector<SweepPoint> expand_points(const SweepSpec& spec) {
  std::vector<SweepPoint> points;
  if (!spec.grid.empty()) {
    // An odometer over the axes: the last axis turns fastest.
    std::vector<std::size_t> digit(spec.grid.size(), 0);
    for (;;) {
      SweepPoint p;
      p.index = static_cast<int>(points.size());
      for (std::size_t a = 0; a < spec.grid.size(); ++a) {
        p.values.emplace_back(spec.grid[a].key, spec.grid[a].values[digit[a]]);
      }
      points.push_back(std::move(p));
      std::size_t a = spec.grid.size();
      while (a > 0 && ++digit[a - 1] == spec.grid[a - 1].values.size()) digit[--a] = 0;
      if (a == 0) break;
    }
  }
  const std::vector<std::string> keys = swept_keys(spec);
  for (const auto& explicit_point : spec.points) {
    SweepPoint p;
    p.index = static_cast<int>(points.size());
    for (const std::string& key : keys) {
      const auto it = std::find_if(explicit_point.begin(), explicit_point.end(),
                                   [&](const KeyValue& kv) { return kv.first == key; });
      if (it != explicit_point.end()) p.values.push_back(*it);
    }
    points.push_back(std::move(p));
  }
  return points;
}

std::vector<std::string> swept_keys(const SweepSpec& spec) {
  std::vector<std::string> keys;
  for (const GridAxis& a : spec.grid) keys.push_back(a.key);
  for (const auto& point : spec.points) {
    for (const auto& [key, value] : point) {
      if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
    }
  }
  return keys;
}

std::string point_name(int index) {
  return fmt::format("{:04d}", index);
}

}  // namespace systolica::sweep
