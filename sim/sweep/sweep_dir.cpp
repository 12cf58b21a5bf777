#include "sim/sweep/sweep_dir.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <initializer_list>
#include <vector>

#include "sim/cli/usage_error.h"
#include "sim/sweep/atomic_file.h"
#include "sim/sweep/point_record.h"
#include "sim/sweep/sweep_points.h"

namespace systolica::sweep {

namespace fs = std::filesystem;

namespace {

fs::path spec_file(const fs::path& dir) {
  return dir / "spec.yaml";
}

bool same_grid(const std::vector<GridAxis>& a, const std::vector<GridAxis>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].key != b[i].key || a[i].values != b[i].values) return false;
  }
  return true;
}

}  // namespace

SweepDir::SweepDir(const fs::path& dir) : dir_(dir) {
  std::error_code ec;
  for (const fs::path& d : {dir_, points_dir(dir_), dir_ / "runs"}) {
    fs::create_directories(d, ec);
    if (ec) throw UsageError(fmt::format("cannot create directory '{}': {}", d.string(), ec.message()));
  }
  // flock, not a lock file's existence: the kernel drops it when the holder dies, even by SIGKILL.
  const fs::path lock = dir_ / ".lock";
  lock_fd_ = ::open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (lock_fd_ < 0)
    throw UsageError(fmt::format("cannot open '{}': {}", lock.string(), std::strerror(errno)));
  if (::flock(lock_fd_, LOCK_EX | LOCK_NB) != 0) {
    ::close(lock_fd_);
    throw UsageError(fmt::format(
        "'{}' is in use by another sweep or merge; wait for it, or use another --out", dir_.string()));
  }
  remove_temporary_files(dir_);
  remove_temporary_files(points_dir(dir_));
}

SweepDir::~SweepDir() {
  if (lock_fd_ >= 0) ::close(lock_fd_);
}

fs::path SweepDir::run_dir(int index) const {
  return dir_ / "runs" / point_name(index);
}

bool SweepDir::has_spec() const {
  return fs::exists(spec_file(dir_));
}

SweepSpec SweepDir::stored_spec() const {
  if (!has_spec()) {
    throw UsageError(fmt::format("'{}' is not a sweep directory: it has no spec.yaml", dir_.string()));
  }
  return read_sweep_spec(spec_file(dir_).string());
}

void SweepDir::adopt_spec(const SweepSpec& spec, const std::string& spec_text, bool force) {
  if (has_spec()) {
    const SweepSpec stored = stored_spec();
    if (canonical_spec(stored) == canonical_spec(spec)) return;
    if (!force) {
      throw UsageError(fmt::format(
          "{}: not the spec of the sweep already in '{}' (they differ in: {}); use another --out, or --force "
          "to delete that sweep's results and start over",
          spec.file, dir_.string(), spec_difference(stored, spec)));
    }
    std::error_code ec;
    fs::remove_all(points_dir(dir_), ec);
    fs::remove_all(dir_ / "runs", ec);
    fs::remove(dir_ / "results.csv", ec);
    fs::create_directories(points_dir(dir_));
    fs::create_directories(dir_ / "runs");
  }
  write_file_atomically(spec_file(dir_), spec_text);
}

std::string spec_difference(const SweepSpec& a, const SweepSpec& b) {
  std::vector<std::string> parts;
  if (a.name != b.name) parts.emplace_back("name");
  const Workload& x = a.workload;
  const Workload& y = b.workload;
  if (x.kind != y.kind || x.name != y.name || x.batch != y.batch || x.resolution != y.resolution) {
    parts.emplace_back("the workload");
  }
  if (a.config != b.config) parts.emplace_back("config");
  if (a.set != b.set) parts.emplace_back("set");
  if (!same_grid(a.grid, b.grid)) parts.emplace_back("grid");
  if (a.points != b.points) parts.emplace_back("points");
  return fmt::format("{}", fmt::join(parts, ", "));
}

}  // namespace systolica::sweep
