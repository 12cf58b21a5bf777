// The sweep loop in-process, with a stand-in for the `systolica run` child: a point whose process crashes
// is an error row, and one killed from outside by SIGTERM is unfinished rather than failed.
#include "sim/sweep/sweep_runner.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "sim/sweep/sweep_progress.h"
#include "tests/sweep/sweep_test_util.h"

namespace systolica::test::sweep_test {
namespace {

// A shell script standing in for the binary: it crashes on one point, is SIGTERM'ed once on another, and
// runs the real binary for the rest.
fs::path stand_in(const fs::path& dir) {
  const fs::path script = dir / "stand_in.sh";
  std::ofstream(script) << "#!/bin/sh\n"
                        << "case \"$*\" in\n"
                        << "  *l2.capacity=128\\ KiB*) kill -SEGV $$ ;;\n"
                        << "  *l2.capacity=1\\ MiB*) [ -e " << (dir / "marker").string() << " ] || { touch "
                        << (dir / "marker").string() << "; kill -TERM $$; } ;;\n"
                        << "esac\n"
                        << "exec " << systolica_bin() << " \"$@\"\n";
  ::chmod(script.c_str(), 0755);
  return script;
}

TEST(SweepRunner, ACrashIsAnErrorRowAndAnOutsideSigtermLeavesThePointUnfinished) {
  const fs::path dir = fresh_dir("runner");
  sweep::SweepOptions o;
  o.spec_file = write_spec(dir, "grid:\n  l2.capacity: [0 B, 128 KiB, 1 MiB]\n").string();
  o.out = (dir / "out").string();
  o.jobs = 2;
  o.quiet = true;
  o.executable = stand_in(dir).string();
  EXPECT_EQ(sweep::run_sweep(o), 1);
  std::vector<Row> rows = read_results(dir / "out");
  ASSERT_EQ(rows.size(), 3u);  // point 2 was interrupted: no row, no point file
  EXPECT_EQ(rows[1][1], "ok");
  EXPECT_EQ(rows[2][1], "error");
  EXPECT_EQ(rows[2].back(), "killed by signal 11 (Segmentation fault)");
  EXPECT_FALSE(fs::exists(dir / "out" / "points" / "0002.json"));

  // The next invocation runs only the interrupted point; the crashed one stays an error.
  EXPECT_EQ(sweep::run_sweep(o), 1);
  rows = read_results(dir / "out");
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[3][1], "ok");
  EXPECT_EQ(rows[2][1], "error");
  fs::remove_all(dir);
}

TEST(SweepProgress, EtaUsesTheMeanWallTimeAndTheParallelism) {
  sweep::SweepProgress p(10, 2, 0, 4, false, true);  // 2 done before this run, 4 at once, quiet
  EXPECT_LT(p.eta_seconds(), 0);                     // nothing finished in this run yet: unknown
  sweep::PointRecord r;
  r.ok = true;
  r.wall_seconds = 3;
  p.finished(r);
  r.wall_seconds = 5;
  p.finished(r);
  EXPECT_DOUBLE_EQ(p.eta_seconds(), 4.0 * 6 / 4);  // mean 4 s, 6 left, 4 at once
  for (int i = 0; i < 4; ++i) p.finished(r);
  EXPECT_DOUBLE_EQ(p.eta_seconds(), (3.0 + 5 * 5) / 6 * 2 / 2);  // 2 left: only 2 run at once
  EXPECT_NE(p.line().find("[8/10] 80% elapsed 0s ETA 5s  ok 8 error 0"), std::string::npos) << p.line();
  EXPECT_EQ(sweep::format_duration(130), "2m10s");
  EXPECT_EQ(sweep::format_duration(220), "3m40s");
  EXPECT_EQ(sweep::format_duration(3725), "1h02m");
}

}  // namespace
}  // namespace systolica::test::sweep_test
