#include "sim/sweep/sweep_progress.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace systolica::sweep {

std::string format_duration(double seconds) {
  const long s = std::lround(std::max(0.0, seconds));
  if (s < 60) return fmt::format("{}s", s);
  if (s < 3600) return fmt::format("{}m{:02d}s", s / 60, s % 60);
  return fmt::format("{}h{:02d}m", s / 3600, (s % 3600) / 60);
}

SweepProgress::SweepProgress(int total, int ok, int error, int jobs, bool terminal, bool quiet)
    : total_(total), ok_(ok), error_(error), jobs_(std::max(jobs, 1)), terminal_(terminal), quiet_(quiet) {}

double SweepProgress::eta_seconds() const {
  const int left = total_ - ok_ - error_;
  if (left <= 0) return 0;
  if (finished_here_ == 0) return -1;
  return wall_here_ / finished_here_ * left / std::min(jobs_, left);
}

std::string SweepProgress::line() const {
  const int done = ok_ + error_;
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const double eta = eta_seconds();
  return fmt::format("[{}/{}] {}% elapsed {} ETA {}  ok {} error {}", done, total_,
                     total_ > 0 ? done * 100 / total_ : 100, format_duration(elapsed),
                     eta < 0 ? std::string("?") : format_duration(eta), ok_, error_);
}

void SweepProgress::finished(const PointRecord& r) {
  ++(r.ok ? ok_ : error_);
  ++finished_here_;
  wall_here_ += r.wall_seconds;
  if (quiet_) return;
  if (terminal_ && r.ok) {
    tick();
    return;
  }
  clear();  // a failed point is printed above the terminal line, which would otherwise hide it
  std::vector<std::string> values;
  for (const auto& [key, value] : r.values) values.push_back(fmt::format("{}={}", key, value));
  fmt::print(stderr, "[{}/{}] point {} {} {:.2f}s  {}{}\n", ok_ + error_, total_, r.index,
             r.ok ? "ok" : "error", r.wall_seconds, fmt::join(values, " "), r.ok ? "" : ": " + r.error);
  tick();
}

void SweepProgress::tick() {
  if (quiet_ || !terminal_) return;
  fmt::print(stderr, "\r{}\x1b[K", line());
  std::fflush(stderr);
  drawn_ = true;
}

void SweepProgress::clear() {
  if (!drawn_) return;
  fmt::print(stderr, "\r\x1b[K");
  std::fflush(stderr);
  drawn_ = false;
}

}  // namespace systolica::sweep
