// Unloaded latencies are the formulas exactly plus the front-end delay (dram.frontend_latency, 1 clock
// by default: a request accepted in cycle t can be scheduled from t + 1). Latency runs from acceptance
// to the last data beat, in DRAM clocks. Refresh is off here, as in dram.md's unloaded table.
#include <gtest/gtest.h>

#include "tests/dram/dram_test_util.h"

namespace systolica::dram::test {
namespace {

struct Unloaded {
  DramCycle closed, hit, conflict;
};

// One read to a closed bank; much later another to the same row; much later one to another row.
Unloaded measure(const DramConfig& cfg, bool writes = false) {
  const std::uint64_t row0 = address_of(cfg, at(0, 0, 0, 10, 3));
  const std::uint64_t row0b = address_of(cfg, at(0, 0, 0, 10, 4));
  const std::uint64_t row1 = address_of(cfg, at(0, 0, 0, 11, 0));
  auto req = [&](std::uint64_t a, double ns) { return writes ? write_at(a, ns) : read_at(a, ns); };
  DramRun run(cfg);
  const ReplayResult r = run.replay({req(row0, 0), req(row0b, 1000), req(row1, 2000)});
  return {latency(r, 0), latency(r, 1), latency(r, 2)};
}

TEST(DramUnloaded, Ddr4MatchesTheFormulasPlusOneClockOfFrontEnd) {
  const Unloaded u = measure(config());
  EXPECT_EQ(u.hit, 1 + 17 + 4);             // CL + BL/2 = 21, + 1: the peers report 22 (Ramulator2), 23
  EXPECT_EQ(u.closed, 1 + 17 + 17 + 4);     // tRCD + CL + BL/2 = 38
  EXPECT_EQ(u.conflict, 1 + 17 + 17 + 17 + 4);  // tRP + tRCD + CL + BL/2 = 55
}

TEST(DramUnloaded, FrontEndDelayIsWhatTheConfigSays) {
  for (int fe : {0, 3}) {
    const Unloaded u = measure(config([&](DramSpec& s) { s.frontend_latency = fe; }));
    EXPECT_EQ(u.hit, fe + 21) << fe;
    EXPECT_EQ(u.closed, fe + 38) << fe;
    EXPECT_EQ(u.conflict, fe + 55) << fe;
  }
}

TEST(DramUnloaded, WritesUseTheWriteLatency) {
  const Unloaded u = measure(config(), /*writes=*/true);
  EXPECT_EQ(u.hit, 1 + 12 + 4);  // CWL + BL/2
  EXPECT_EQ(u.closed, 1 + 17 + 12 + 4);
  EXPECT_EQ(u.conflict, 1 + 17 + 17 + 12 + 4);
}

TEST(DramUnloaded, OtherPresetsFollowTheirOwnTimings) {
  const Unloaded lp = measure(config([](DramSpec& s) { s.preset = "LPDDR4-3200"; }));
  EXPECT_EQ(lp.hit, 1 + 28 + 8);
  EXPECT_EQ(lp.closed, 1 + 29 + 28 + 8);
  EXPECT_EQ(lp.conflict, 1 + 29 + 29 + 28 + 8);
  const Unloaded hbm = measure(config([](DramSpec& s) { s.preset = "HBM2"; }));
  EXPECT_EQ(hbm.hit, 1 + 14 + 2);
  EXPECT_EQ(hbm.closed, 1 + 14 + 14 + 2);
  EXPECT_EQ(hbm.conflict, 1 + 14 + 14 + 14 + 2);
}

TEST(DramUnloaded, ClosedPageMakesEveryIsolatedAccessAMiss) {
  const DramConfig cfg = config([](DramSpec& s) { s.page_policy = "closed"; });
  const Unloaded u = measure(cfg);
  EXPECT_EQ(u.hit, 1 + 38);  // the row was closed after the first read
  EXPECT_EQ(u.conflict, 1 + 38);
  DramRun run(cfg);
  const auto r = run.replay({read_at(0), read_at(64), read_at(1 << 20, 1000)});
  // Two reads to one row arrive together: the first is a plain RD, the last closes the row (RDA).
  EXPECT_EQ(r.stats.commands.rda, 2u);
  EXPECT_EQ(r.stats.commands.rd, 3u);
  EXPECT_EQ(r.stats.commands.pre, 2u);
  EXPECT_EQ(r.stats.row_hits, 1u);
}

TEST(DramUnloaded, FixedModelAnswersAfterItsLatency) {
  const DramConfig cfg = config([](DramSpec& s) {
    s.model = "fixed";
    s.fixed_latency_ns = 40;
  });
  auto engine = make_dram_engine(cfg);
  const auto r = replay_trace(*engine, {read_at(0), write_at(64), read_at(1 << 20)});
  for (std::size_t i = 0; i < 3; ++i) EXPECT_EQ(latency(r, i), 49);  // ceil(40 / 0.833)
  EXPECT_EQ(r.stats.commands.act, 0u);
  EXPECT_EQ(r.stats.reads, 2u);
}

}  // namespace
}  // namespace systolica::dram::test
