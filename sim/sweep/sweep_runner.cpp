#include "sim/sweep/sweep_runner.h"

#include <fmt/format.h>
#include <sched.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <map>
#include <vector>

#include "sim/cli/usage_error.h"
#include "sim/sweep/atomic_file.h"
#include "sim/sweep/child_command.h"
#include "sim/sweep/point_config.h"
#include "sim/sweep/point_outcome.h"
#include "sim/sweep/results_csv.h"
#include "sim/sweep/signal_wait.h"
#include "sim/sweep/spec_inputs.h"
#include "sim/sweep/sweep_dir.h"
#include "sim/sweep/sweep_progress.h"

namespace systolica::sweep {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

struct RunningPoint {
  pid_t pid;
  SweepPoint point;
  std::uint64_t sram_bytes;
  Clock::time_point start;
};

// One invocation of the sweep: the points still to run, the children running, the records so far.
class SweepRun {
 public:
  SweepRun(const SweepOptions& o, const SweepSpec& spec, SweepDir& dir)
      : options_(o), spec_(spec), dir_(dir), points_(expand_points(spec)), keys_(swept_keys(spec)) {}

  int run();

 private:
  bool in_shard(int index) const { return !options_.shard || options_.shard->contains(index); }
  void load_finished_points();
  void start_points(std::size_t jobs);
  void reap_children();
  void record(const PointRecord& r);
  int stop(int signal);
  int finish();

  const SweepOptions& options_;
  const SweepSpec& spec_;
  SweepDir& dir_;
  const std::vector<SweepPoint> points_;
  const std::vector<std::string> keys_;
  std::map<int, PointRecord> records_;  // every point file in DIR, shard or not: results.csv shows them all
  std::vector<const SweepPoint*> todo_;
  std::size_t next_ = 0;
  std::vector<RunningPoint> running_;
  int ran_ = 0;          // points finished by this invocation
  int interrupted_ = 0;  // children killed from outside by a stop signal
  std::optional<SweepProgress> progress_;
};

void SweepRun::load_finished_points() {
  try {
    records_ = read_point_files(dir_.path());
  } catch (const std::runtime_error& e) {
    // Point files are only ever written whole: this one was edited or copied in by hand.
    throw UsageError(fmt::format("{}; delete it to run that point again", e.what()));
  }
  for (auto it = records_.begin(); it != records_.end();) {
    const PointRecord& r = it->second;
    // Same spec, so a mismatch means a hand-edited or foreign file: run the point again.
    const bool matches = r.index >= 0 && r.index < static_cast<int>(points_.size()) &&
                         r.values == points_[static_cast<std::size_t>(r.index)].values;
    if (matches) {
      ++it;
      continue;
    }
    fmt::print(stderr, "systolica: warning: {} does not match the spec's point {}; running it again\n",
               point_file(dir_.path(), r.index).string(), r.index);
    fs::remove(point_file(dir_.path(), r.index));
    it = records_.erase(it);
  }
}

void SweepRun::record(const PointRecord& r) {
  write_point_file(dir_.path(), r);
  records_[r.index] = r;
  write_results_csv(dir_.path(), keys_, records_);
  ++ran_;
  progress_->finished(r);
}

void SweepRun::start_points(std::size_t jobs) {
  while (running_.size() < jobs && next_ < todo_.size()) {
    const SweepPoint& point = *todo_[next_++];
    const Clock::time_point start = Clock::now();
    const PointConfigCheck config = check_point_config(spec_, point);
    if (!config.ok) {
      record(point_error(point, config.error, seconds_since(start)));
      continue;
    }
    // A fresh directory: files of an earlier, unfinished attempt must not pass for this one's.
    const fs::path run_dir = dir_.run_dir(point.index);
    fs::remove_all(run_dir);
    fs::create_directories(run_dir);
    try {
      const pid_t pid =
          start_child(child_command(options_.executable, spec_, point, run_dir), run_dir / "stderr.txt");
      running_.push_back({pid, point, config.sram_bytes, start});
    } catch (const std::runtime_error& e) {
      record(point_error(point, e.what(), seconds_since(start)));
    }
  }
}

void SweepRun::reap_children() {
  for (auto it = running_.begin(); it != running_.end();) {
    const std::optional<ChildExit> exit = poll_child(it->pid);
    if (!exit) {
      ++it;
      continue;
    }
    if (is_interruption(*exit)) {
      ++interrupted_;
    } else {
      record(point_outcome(it->point, *exit, dir_.run_dir(it->point.index), it->sram_bytes,
                           seconds_since(it->start)));
    }
    it = running_.erase(it);
  }
}

std::string signal_name(int signal) {
  switch (signal) {
    case SIGINT:
      return "SIGINT";
    case SIGTERM:
      return "SIGTERM";
    case SIGHUP:
      return "SIGHUP";
    default:
      return fmt::format("signal {}", signal);
  }
}

// A stop signal: end the children, keep whatever finished, and leave a results.csv of complete points.
int SweepRun::stop(int signal) {
  for (const RunningPoint& r : running_) ::kill(r.pid, SIGTERM);
  // A child that ignores SIGTERM gets SIGKILL after a grace period: stopping must not hang.
  const Clock::time_point deadline = Clock::now() + std::chrono::seconds(5);
  int stopped = 0;
  while (!running_.empty()) {
    const bool late = Clock::now() > deadline;
    for (auto it = running_.begin(); it != running_.end();) {
      if (late) ::kill(it->pid, SIGKILL);
      const std::optional<ChildExit> exit = late ? wait_child(it->pid) : poll_child(it->pid);
      if (!exit) {
        ++it;
        continue;
      }
      if (exit->success()) {  // it finished before the signal reached it
        record(point_outcome(it->point, *exit, dir_.run_dir(it->point.index), it->sram_bytes,
                             seconds_since(it->start)));
      } else {
        ++stopped;
      }
      it = running_.erase(it);
    }
    if (!running_.empty()) ::usleep(10000);
  }
  write_results_csv(dir_.path(), keys_, records_);
  progress_->clear();
  fmt::print(
      stderr,
      "systolica: sweep stopped by {}: {} running point{} stopped, {} not started; {} written; run the "
      "same command again to resume\n",
      signal_name(signal), stopped, stopped == 1 ? "" : "s", todo_.size() - next_,
      (dir_.path() / "results.csv").string());
  return 128 + signal;
}

int SweepRun::finish() {
  progress_->clear();
  int ok = 0, error = 0, total = 0;
  for (const SweepPoint& p : points_) {
    if (!in_shard(p.index)) continue;
    ++total;
    const auto it = records_.find(p.index);
    if (it != records_.end()) ++(it->second.ok ? ok : error);
  }
  const int unfinished = total - ok - error;
  if (!options_.quiet) {
    fmt::print(
        "{}{} points{}: {} ok, {} error{} ({} run now); {}\n", spec_.name.empty() ? "" : spec_.name + ": ",
        total,
        options_.shard ? fmt::format(" (shard {}/{})", options_.shard->index, options_.shard->count) : "", ok,
        error, unfinished ? fmt::format(", {} unfinished", unfinished) : "", ran_,
        (dir_.path() / "results.csv").string());
  }
  if (interrupted_ > 0) {
    fmt::print(
        stderr,
        "systolica: {} point{} killed by a signal from outside the sweep; run the same command again to "
        "finish them\n",
        interrupted_, interrupted_ == 1 ? " was" : "s were");
  }
  return error > 0 || unfinished > 0 ? 1 : 0;
}

int SweepRun::run() {
  load_finished_points();
  int ok = 0, error = 0, total = 0;
  for (const SweepPoint& p : points_) {
    if (!in_shard(p.index)) continue;
    ++total;
    const auto it = records_.find(p.index);
    if (it == records_.end() || (!it->second.ok && options_.retry_errors)) {
      todo_.push_back(&p);
    } else {
      ++(it->second.ok ? ok : error);
    }
  }
  const std::size_t jobs = static_cast<std::size_t>(options_.jobs > 0 ? options_.jobs : available_cpus());
  progress_.emplace(total, ok, error, static_cast<int>(jobs), ::isatty(STDERR_FILENO) == 1, options_.quiet);
  write_results_csv(dir_.path(), keys_, records_);  // a sweep killed after a point file, before the CSV

  SignalWait signals;  // before the first child, so that no stop request can slip by
  for (;;) {
    const bool can_start = running_.size() < jobs && next_ < todo_.size();
    const int signal = signals.wait(std::chrono::milliseconds(can_start ? 0 : 1000));
    if (signal != 0 && signal != SIGCHLD) return stop(signal);
    reap_children();
    start_points(jobs);
    if (running_.empty() && next_ == todo_.size()) break;
    progress_->tick();
  }
  return finish();
}

}  // namespace

int available_cpus() {
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof(set), &set) == 0) return std::max(1, CPU_COUNT(&set));
  return std::max(1L, sysconf(_SC_NPROCESSORS_ONLN));
}

int run_sweep(const SweepOptions& options) {
  if (options.out.empty()) throw UsageError("sweep needs --out DIR, the directory for its results");
  if (options.jobs < 0) throw UsageError(fmt::format("-j {}: give 1 or more parallel points", options.jobs));
  std::string text;
  try {
    text = read_text_file(options.spec_file);
  } catch (const std::runtime_error&) {
    throw UsageError(fmt::format("{}: cannot read the sweep spec", options.spec_file));
  }
  const SweepSpec spec = parse_sweep_spec(text, options.spec_file);
  check_spec_inputs(spec);
  SweepDir dir(options.out);
  dir.adopt_spec(spec, text, options.force);
  return SweepRun(options, spec, dir).run();
}

}  // namespace systolica::sweep
