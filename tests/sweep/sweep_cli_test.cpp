// `systolica sweep` end to end, through the real binary: per-point errors, resume, a killed or stopped
// sweep, and shards merged into the table an unsharded run gives.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "tests/sweep/sweep_test_util.h"

namespace systolica::test::sweep_test {
namespace {

// 6 points, tens of milliseconds each.
constexpr const char* kGrid =
    "name: tiny\n"
    "grid:\n"
    "  scratchpad.capacity: [64 KiB, 256 KiB]\n"
    "  l2.capacity: [0 B, 128 KiB, 1 MiB]\n";

std::string dir_arg(const fs::path& p) {
  return " --out " + p.string();
}

// Every row has as many cells as the header, and no point appears twice.
void expect_consistent(const std::vector<Row>& rows) {
  ASSERT_FALSE(rows.empty());
  std::set<std::string> seen;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    EXPECT_EQ(rows[i].size(), rows[0].size()) << i;
    EXPECT_TRUE(seen.insert(rows[i][0]).second) << "point " << rows[i][0] << " twice";
  }
}

// results.csv without the wall_seconds column, which differs from run to run.
std::vector<Row> without_wall_seconds(std::vector<Row> rows) {
  const std::size_t wall = column(rows.at(0), "wall_seconds");
  for (Row& r : rows) r.erase(r.begin() + static_cast<std::ptrdiff_t>(wall));
  return rows;
}

TEST(SweepCli, RunsEveryPointAndWritesTheTable) {
  const fs::path dir = fresh_dir("basic");
  // Its layers: path is relative to the spec file, not to where the sweep runs.
  const fs::path spec = source_dir() + "/tests/data/sweeps/tiny_grid.yaml";
  const CommandResult r = sweep(spec.string() + " -j 2" + dir_arg(dir / "out"));
  ASSERT_EQ(r.exit_status, 0) << r.err;
  const std::vector<Row> rows = read_results(dir / "out");
  ASSERT_EQ(rows.size(), 8u);
  EXPECT_EQ(rows[0],
            (Row{"point", "status", "scratchpad.capacity", "l2.capacity", "cores", "cycles", "energy_pj",
                 "static_energy_pj", "utilization", "dram_bytes", "sram_bytes", "wall_seconds", "error"}));
  expect_consistent(rows);
  EXPECT_EQ(rows[1][2], "64 KiB");  // as the spec writes it
  EXPECT_EQ(rows[3][3], "1 MiB");
  EXPECT_EQ(rows[7][4], "1");
  EXPECT_EQ(rows[7][3], "0 B");
  EXPECT_EQ(rows[1][4], "");  // a key the point does not set
  for (std::size_t i = 1; i < rows.size(); ++i) {
    EXPECT_EQ(rows[i][0], std::to_string(i - 1));
    EXPECT_EQ(rows[i][1], "ok") << rows[i].back();
    EXPECT_GT(std::stoll(rows[i][5]), 0);
    EXPECT_GT(std::stod(rows[i][6]), std::stod(rows[i][7]));  // total energy > static energy > 0
    EXPECT_GT(std::stod(rows[i][7]), 0);
  }
  // sram_bytes: cores x (scratchpad + 64 KiB accumulator) + L2.
  EXPECT_EQ(rows[1][10], std::to_string(64 * 1024 + 64 * 1024 + 0));
  EXPECT_EQ(rows[6][10], std::to_string(256 * 1024 + 64 * 1024 + 1024 * 1024));
  // Without an L2 every access goes to DRAM.
  EXPECT_GT(std::stoll(rows[1][9]), std::stoll(rows[3][9]));
  EXPECT_TRUE(fs::exists(dir / "out" / "spec.yaml"));
  EXPECT_TRUE(fs::exists(dir / "out" / "points" / "0006.json"));
  EXPECT_TRUE(fs::exists(dir / "out" / "runs" / "0006" / "summary.json"));
  EXPECT_NE(r.out.find("tiny_grid: 7 points: 7 ok, 0 error (7 run now)"), std::string::npos) << r.out;
  fs::remove_all(dir);
}

TEST(SweepCli, BadSpecsExitTwoAndRunNothing) {
  const fs::path dir = fresh_dir("bad");
  struct Case {
    std::string text, expected;
  };
  const std::vector<Case> cases = {
      {"grid:\n  l2.capacity: [0 B, 1 MiB\n", "bad.yaml:4: malformed YAML"},
      {"grid:\n  l2.capacity: []\n", "bad.yaml:3: grid key l2.capacity has no values"},
      {"gird:\n  l2.capacity: [0 B]\n", "bad.yaml:2: unknown key 'gird'"},
      {"grid:\n  l2.capacity: 0 B\n", "bad.yaml:3: grid key l2.capacity: the values are '0 B'"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    const fs::path spec = write_spec(dir, c.text, "bad.yaml");
    const CommandResult r = sweep(spec.string() + dir_arg(dir / "out"));
    EXPECT_EQ(r.exit_status, 2);
    EXPECT_NE(r.err.find(c.expected), std::string::npos) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_FALSE(fs::exists(dir / "out"));
  }
  std::ofstream(dir / "nomodel.yaml") << "grid:\n  l2.capacity: [0 B]\n";
  const CommandResult r = sweep((dir / "nomodel.yaml").string() + dir_arg(dir / "out"));
  EXPECT_EQ(r.exit_status, 2);
  EXPECT_NE(r.err.find("nomodel.yaml: no workload"), std::string::npos) << r.err;
  std::ofstream(dir / "nofile.yaml") << "layers: missing.yaml\ngrid:\n  l2.capacity: [0 B]\n";
  EXPECT_EQ(sweep((dir / "nofile.yaml").string() + dir_arg(dir / "out")).exit_status, 2);
  EXPECT_EQ(sweep(write_spec(dir, kGrid).string() + " --shard 5/4" + dir_arg(dir / "out")).exit_status, 2);
  EXPECT_FALSE(fs::exists(dir / "out"));
  fs::remove_all(dir);
}

TEST(SweepCli, AnInvalidPointIsAnErrorRowWhileTheOthersFinish) {
  const fs::path dir = fresh_dir("perpoint");
  const fs::path spec = write_spec(dir,
                                   "grid:\n  scratchpad.capacity: [64 KiB, 3 bananas, 256 KiB]\n"
                                   "points:\n  - {no.such.key: 1}\n  - {mapping.nope.dataflow: os}\n");
  const CommandResult r = sweep(spec.string() + " -j 2" + dir_arg(dir / "out"));
  EXPECT_EQ(r.exit_status, 1) << r.err;
  const std::vector<Row> rows = read_results(dir / "out");
  ASSERT_EQ(rows.size(), 6u);
  const std::size_t error = column(rows[0], "error");
  EXPECT_EQ(rows[1][1], "ok");
  EXPECT_EQ(rows[3][1], "ok");
  // The config loader's message, found in-process: the point never ran.
  EXPECT_EQ(rows[2][1], "error");
  EXPECT_NE(rows[2][error].find("scratchpad.capacity"), std::string::npos) << rows[2][error];
  EXPECT_FALSE(fs::exists(dir / "out" / "runs" / "0001"));
  EXPECT_NE(rows[4][error].find("no.such.key: unknown key"), std::string::npos) << rows[4][error];
  // A valid config the run refuses: the child's last stderr line.
  EXPECT_EQ(rows[5][1], "error");
  EXPECT_NE(rows[5][error].find("mapping.nope: no layer of that name"), std::string::npos) << rows[5][error];
  EXPECT_TRUE(fs::exists(dir / "out" / "runs" / "0004" / "stderr.txt"));

  // A rerun keeps the error points unless asked to retry them.
  const CommandResult again = sweep(spec.string() + " -j 2" + dir_arg(dir / "out"));
  EXPECT_EQ(again.exit_status, 1);
  EXPECT_EQ(again.err.find("point "), std::string::npos) << again.err;  // nothing ran
  const CommandResult retry = sweep(spec.string() + " -j 2 --retry-errors" + dir_arg(dir / "out"));
  EXPECT_EQ(retry.exit_status, 1);
  EXPECT_EQ(std::count(retry.err.begin(), retry.err.end(), '\n'), 3) << retry.err;  // the three error points
  fs::remove_all(dir);
}

TEST(SweepCli, ResumeRunsOnlyThePointsWithoutAPointFile) {
  const fs::path dir = fresh_dir("resume");
  const fs::path spec = write_spec(dir, kGrid);
  const fs::path out = dir / "out";
  ASSERT_EQ(sweep(spec.string() + " -j 2" + dir_arg(out)).exit_status, 0);
  const std::vector<Row> first = read_results(out);
  std::map<int, fs::file_time_type> before;
  for (int i = 0; i < 6; ++i)
    before[i] = fs::last_write_time(out / "runs" / ("000" + std::to_string(i)) / "summary.json");
  fs::remove(out / "points" / "0003.json");

  const CommandResult r = sweep(spec.string() + " -j 2" + dir_arg(out));
  ASSERT_EQ(r.exit_status, 0) << r.err;
  // One line per point run (stderr is not a terminal): only point 3 ran.
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_NE(r.err.find("point 3 ok"), std::string::npos) << r.err;
  for (int i = 0; i < 6; ++i) {
    const auto now = fs::last_write_time(out / "runs" / ("000" + std::to_string(i)) / "summary.json");
    if (i == 3) {
      EXPECT_NE(now, before[i]);
    } else {
      EXPECT_EQ(now, before[i]) << i;
    }
  }
  EXPECT_EQ(without_wall_seconds(read_results(out)), without_wall_seconds(first));
  fs::remove_all(dir);
}

TEST(SweepCli, ADifferentSpecInTheSameDirectoryIsRefusedUnlessForced) {
  const fs::path dir = fresh_dir("respec");
  const fs::path out = dir / "out";
  ASSERT_EQ(sweep(write_spec(dir, kGrid).string() + " -j 2" + dir_arg(out)).exit_status, 0);
  // Comments and layout are not the spec's meaning.
  const fs::path same = write_spec(dir, std::string("# a comment\n") + kGrid, "same.yaml");
  EXPECT_EQ(sweep(same.string() + dir_arg(out)).exit_status, 0);
  const fs::path other = write_spec(dir, "grid:\n  l2.capacity: [0 B, 2 MiB]\n", "other.yaml");
  const CommandResult r = sweep(other.string() + dir_arg(out));
  EXPECT_EQ(r.exit_status, 2);
  EXPECT_NE(r.err.find("other.yaml: not the spec of the sweep already in"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("--force"), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_EQ(read_results(out).size(), 7u);  // untouched
  const CommandResult forced = sweep(other.string() + " --force" + dir_arg(out));
  EXPECT_EQ(forced.exit_status, 0) << forced.err;
  const std::vector<Row> rows = read_results(out);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[2][2], "2 MiB");
  fs::remove_all(dir);
}

TEST(SweepCli, AKilledSweepLeavesCompleteFilesAndResumesWithoutDuplicates) {
  const fs::path dir = fresh_dir("killed");
  const fs::path spec = write_spec(dir,
                                   "grid:\n  scratchpad.capacity: [64 KiB, 128 KiB, 256 KiB, 512 KiB]\n"
                                   "  l2.capacity: [0 B, 128 KiB, 512 KiB, 1 MiB]\n");
  const fs::path out = dir / "out";
  {
    SweepProcess p({spec.string(), "-j", "2", "--out", out.string()});
    ASSERT_GT(p.pid(), 0);
    ASSERT_TRUE(wait_for_points(out, 1));
    ::kill(p.pid(), SIGKILL);
    const int status = p.wait();
    EXPECT_TRUE(WIFSIGNALED(status));
  }
  const std::size_t finished = count_point_files(out);
  EXPECT_LT(finished, 16u) << "the sweep finished before it was killed; the test proves nothing";
  // Point files are whole (each parses), and results.csv is a consistent table (it may lag by a point).
  const std::vector<Row> partial = read_results(out);
  expect_consistent(partial);
  EXPECT_LE(partial.size() - 1, finished);

  const CommandResult r = sweep(spec.string() + " -j 2" + dir_arg(out));
  ASSERT_EQ(r.exit_status, 0) << r.err;
  EXPECT_EQ(static_cast<std::size_t>(std::count(r.err.begin(), r.err.end(), '\n')), 16 - finished) << r.err;
  const std::vector<Row> rows = read_results(out);
  ASSERT_EQ(rows.size(), 17u);
  expect_consistent(rows);
  for (std::size_t i = 1; i < rows.size(); ++i) {
    EXPECT_EQ(rows[i][0], std::to_string(i - 1));
    EXPECT_EQ(rows[i][1], "ok") << rows[i].back();
  }
  fs::remove_all(dir);
}

TEST(SweepCli, SigtermStopsTheChildrenAndExits143WithAConsistentTable) {
  const fs::path dir = fresh_dir("sigterm");
  const fs::path spec = write_spec(dir,
                                   "grid:\n  scratchpad.capacity: [64 KiB, 128 KiB, 256 KiB, 512 KiB]\n"
                                   "  l2.capacity: [0 B, 128 KiB, 512 KiB, 1 MiB]\n");
  const fs::path out = dir / "out";
  SweepProcess p({spec.string(), "-j", "2", "--out", out.string()});
  ASSERT_TRUE(wait_for_points(out, 1));
  ::kill(p.pid(), SIGTERM);
  const int status = p.wait();
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 143);
  // Written after the last point that finished: every point file is in the table.
  const std::vector<Row> rows = read_results(out);
  expect_consistent(rows);
  EXPECT_EQ(rows.size() - 1, count_point_files(out));
  for (std::size_t i = 1; i < rows.size(); ++i) EXPECT_EQ(rows[i][1], "ok");  // a stopped point is no error
  EXPECT_EQ(sweep(spec.string() + " -j 2 --quiet" + dir_arg(out)).exit_status, 0);
  EXPECT_EQ(read_results(out).size(), 17u);
  fs::remove_all(dir);
}

TEST(SweepCli, MergedShardsGiveTheUnshardedTable) {
  const fs::path dir = fresh_dir("shards");
  const fs::path spec =
      write_spec(dir, std::string(kGrid) + "points:\n  - {scratchpad.capacity: 3 bananas}\n");
  ASSERT_EQ(sweep(spec.string() + " -j 2 --quiet" + dir_arg(dir / "all")).exit_status, 1);  // point 6 fails
  std::string shard_dirs;
  for (int i = 1; i <= 3; ++i) {
    const fs::path shard = dir / ("shard" + std::to_string(i));
    const CommandResult r =
        sweep(spec.string() + " -j 2 --shard " + std::to_string(i) + "/3" + dir_arg(shard));
    EXPECT_EQ(r.exit_status, i == 1 ? 1 : 0) << r.err;  // 6 % 3 == 0: the error point is shard 1's
    EXPECT_EQ(read_results(shard).size(), i == 1 ? 4u : 3u);
    shard_dirs += " " + shard.string();
  }
  // A merge of some of the shards says what is missing.
  const CommandResult part =
      sweep("--merge" + std::string(" ") + (dir / "shard2").string() + dir_arg(dir / "part"));
  EXPECT_EQ(part.exit_status, 1);
  EXPECT_NE(part.out.find("7 points, 2 ok, 0 error, 5 missing"), std::string::npos) << part.out;

  const CommandResult merged = sweep("--merge" + shard_dirs + dir_arg(dir / "merged"));
  EXPECT_EQ(merged.exit_status, 1) << merged.err;  // the error point is merged like any other
  EXPECT_EQ(without_wall_seconds(read_results(dir / "merged")),
            without_wall_seconds(read_results(dir / "all")));
  // Merging again, or merging the unsharded run in too, changes nothing.
  EXPECT_EQ(
      sweep("--merge" + shard_dirs + " " + (dir / "all").string() + dir_arg(dir / "merged")).exit_status, 1);
  EXPECT_EQ(read_results(dir / "merged"), read_results(dir / "merged"));
  EXPECT_EQ(without_wall_seconds(read_results(dir / "merged")),
            without_wall_seconds(read_results(dir / "all")));
  fs::remove_all(dir);
}

TEST(SweepCli, MergeRefusesDifferentSpecsAndConflictingResults) {
  const fs::path dir = fresh_dir("merge-bad");
  const fs::path a = dir / "a", b = dir / "b", c = dir / "c";
  ASSERT_EQ(sweep(write_spec(dir, kGrid).string() + " -j 2 --quiet --shard 1/2" + dir_arg(a)).exit_status, 0);
  const fs::path other = write_spec(dir, "grid:\n  l2.capacity: [0 B, 2 MiB]\n", "other.yaml");
  ASSERT_EQ(sweep(other.string() + " -j 2 --quiet" + dir_arg(b)).exit_status, 0);
  CommandResult r = sweep("--merge " + a.string() + " " + b.string() + dir_arg(dir / "m1"));
  EXPECT_EQ(r.exit_status, 2);
  EXPECT_NE(r.err.find("are different sweeps"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir / "m1"));

  // The same point with another result in a second directory.
  fs::copy(a, c, fs::copy_options::recursive);
  std::string point = slurp(c / "points" / "0000.json");
  const std::string cycles = "\"cycles\": ";
  point.insert(point.find(cycles) + cycles.size(), "1");
  std::ofstream(c / "points" / "0000.json") << point;
  r = sweep("--merge " + a.string() + " " + c.string() + dir_arg(dir / "m2"));
  EXPECT_EQ(r.exit_status, 2);
  EXPECT_NE(r.err.find("conflicting results for point 0"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir / "m2"));
  EXPECT_EQ(sweep("--merge " + (dir / "nowhere").string() + dir_arg(dir / "m3")).exit_status, 2);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace systolica::test::sweep_test
