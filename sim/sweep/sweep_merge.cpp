#include "sim/sweep/sweep_merge.h"

#include <fmt/format.h>

#include <filesystem>
#include <map>

#include "sim/cli/usage_error.h"
#include "sim/sweep/atomic_file.h"
#include "sim/sweep/point_record.h"
#include "sim/sweep/results_csv.h"
#include "sim/sweep/sweep_dir.h"
#include "sim/sweep/sweep_points.h"

namespace systolica::sweep {

namespace fs = std::filesystem;

namespace {

struct ShardDir {
  fs::path dir;
  SweepSpec spec;
  std::string spec_text;
};

// An input directory is only read: it is neither created nor locked, so a typo is an error.
ShardDir read_shard_dir(const fs::path& dir) {
  const fs::path spec = dir / "spec.yaml";
  if (!fs::is_directory(dir) || !fs::exists(spec)) {
    throw UsageError(fmt::format("--merge {}: not a sweep directory (no spec.yaml)", dir.string()));
  }
  const std::string text = read_text_file(spec);
  return {dir, parse_sweep_spec(text, spec.string()), text};
}

std::string describe(const PointRecord& r) {
  if (!r.ok) return "error: " + r.error;
  return fmt::format("ok, {} cycles", r.metrics.cycles.value_or(0));
}

// Adds `dir`'s point files to `merged`, checking each against the spec and against what is already there.
void gather(const fs::path& dir, const std::vector<SweepPoint>& points, std::map<int, PointRecord>& merged,
            std::map<int, fs::path>& source) {
  std::map<int, PointRecord> records;
  try {
    records = read_point_files(dir);
  } catch (const std::runtime_error& e) {
    throw UsageError(e.what());
  }
  for (auto& [index, r] : records) {
    const fs::path file = point_file(dir, index);
    if (index < 0 || index >= static_cast<int>(points.size()) ||
        r.values != points[static_cast<std::size_t>(index)].values) {
      throw UsageError(
          fmt::format("{}: not a point of the spec (point {} has other values there)", file.string(), index));
    }
    const auto it = merged.find(index);
    if (it == merged.end()) {
      merged[index] = r;
      source[index] = file;
    } else if (!it->second.same_result(r)) {
      throw UsageError(
          fmt::format("conflicting results for point {}: {} has {}, {} has {}; delete the wrong one", index,
                      source[index].string(), describe(it->second), file.string(), describe(r)));
    }
  }
}

}  // namespace

int merge_sweeps(const std::vector<std::string>& dirs, const std::string& out, bool quiet) {
  if (out.empty()) throw UsageError("--merge needs --out DIR, the directory to merge into");
  std::vector<ShardDir> shards;
  shards.reserve(dirs.size());
  for (const std::string& d : dirs) shards.push_back(read_shard_dir(d));
  const ShardDir& first = shards.front();
  for (const ShardDir& s : shards) {
    if (canonical_spec(s.spec) != canonical_spec(first.spec)) {
      throw UsageError(
          fmt::format("cannot merge: {}/spec.yaml and {}/spec.yaml are different sweeps (they "
                      "differ in: {})",
                      first.dir.string(), s.dir.string(), spec_difference(first.spec, s.spec)));
    }
  }
  const std::vector<SweepPoint> points = expand_points(first.spec);
  std::map<int, PointRecord> merged;
  std::map<int, fs::path> source;
  for (const ShardDir& s : shards) gather(s.dir, points, merged, source);

  SweepDir target(out);  // created only once the inputs agree
  if (target.has_spec() && canonical_spec(target.stored_spec()) != canonical_spec(first.spec)) {
    throw UsageError(fmt::format("cannot merge into {}: it holds a different sweep (they differ in: {})", out,
                                 spec_difference(target.stored_spec(), first.spec)));
  }
  gather(target.path(), points, merged, source);  // what the target already holds must agree too

  // Everything checked: only now write.
  if (!target.has_spec()) write_file_atomically(target.path() / "spec.yaml", first.spec_text);
  for (const auto& [index, r] : merged) {
    if (!fs::exists(point_file(target.path(), index))) write_point_file(target.path(), r);
  }
  write_results_csv(target.path(), swept_keys(first.spec), merged);

  int ok = 0;
  for (const auto& [index, r] : merged) ok += r.ok;
  const int error = static_cast<int>(merged.size()) - ok;
  const int missing = static_cast<int>(points.size() - merged.size());
  if (!quiet) {
    fmt::print("merged {} director{} into {}: {} points, {} ok, {} error, {} missing; {}\n", shards.size(),
               shards.size() == 1 ? "y" : "ies", out, points.size(), ok, error, missing,
               (target.path() / "results.csv").string());
  }
  return error > 0 || missing > 0 ? 1 : 0;
}

}  // namespace systolica::sweep
