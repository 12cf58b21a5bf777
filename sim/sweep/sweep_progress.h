#pragma once
// What a running sweep shows on stderr. On a terminal, one line rewritten in place:
//   [37/100] 37% elapsed 2m10s ETA 3m40s  ok 36 error 1
// Elsewhere (logs, pipes, batch jobs), one plain line per finished point, so a log records every point.
#include <chrono>
#include <cstdio>
#include <string>

#include "sim/sweep/point_record.h"

namespace systolica::sweep {

// "2m10s", "1h02m", "45s".
std::string format_duration(double seconds);

class SweepProgress {
 public:
  // `total`: the points this run covers (its shard); `done`: those already finished before it started.
  SweepProgress(int total, int ok, int error, int jobs, bool terminal, bool quiet);

  void finished(const PointRecord& r);  // a point finished in this run
  void tick();                          // redraws the terminal line (the elapsed time moves)
  void clear();                         // erases the terminal line before other output

  // Estimated seconds left: the mean wall time of the points finished in this run, times the points
  // left, over the parallelism (no more jobs than points left); negative when nothing has finished yet.
  double eta_seconds() const;
  std::string line() const;

 private:
  int total_, ok_, error_, jobs_;
  bool terminal_, quiet_;
  int finished_here_ = 0;
  double wall_here_ = 0;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  bool drawn_ = false;
};

}  // namespace systolica::sweep
