#include "sim/sweep/point_outcome.h"

#include <csignal>
#include <stdexcept>

#include "sim/sweep/run_summary.h"

namespace systolica::sweep {

bool is_interruption(const ChildExit& e) {
  return !e.exited && (e.signal == SIGINT || e.signal == SIGTERM || e.signal == SIGHUP);
}

PointRecord point_error(const SweepPoint& point, const std::string& error, double wall_seconds) {
  PointRecord r;
  r.index = point.index;
  r.values = point.values;
  r.error = error;
  r.wall_seconds = wall_seconds;
  return r;
}

PointRecord point_outcome(const SweepPoint& point, const ChildExit& exit,
                          const std::filesystem::path& run_dir, std::uint64_t sram_bytes,
                          double wall_seconds) {
  if (!exit.success()) {
    const std::string said = last_error_line(run_dir / "stderr.txt");
    if (exit.exited) return point_error(point, said.empty() ? exit.describe() : said, wall_seconds);
    // A crash: how it died first, then whatever it managed to say (an assertion, say).
    return point_error(point, said.empty() ? exit.describe() : exit.describe() + ": " + said, wall_seconds);
  }
  try {
    PointRecord r = point_error(point, "", wall_seconds);
    r.metrics = read_run_metrics(run_dir / "summary.json");
    r.metrics.sram_bytes = sram_bytes;
    r.ok = true;
    return r;
  } catch (const std::runtime_error& e) {
    return point_error(point, e.what(), wall_seconds);
  }
}

}  // namespace systolica::sweep
