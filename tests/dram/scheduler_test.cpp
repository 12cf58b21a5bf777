// The controller's policies on hand-made request streams (FR-FCFS, write drains, starvation, refresh),
// and, on random traffic in many configurations, that every command it issues obeys an independent
// check of the timing (command_oracle.h), every request is answered exactly once, and nothing deadlocks.
#include <gtest/gtest.h>

#include <algorithm>

#include "tests/dram/command_oracle.h"
#include "tests/dram/dram_test_util.h"

namespace systolica::dram::test {
namespace {

TEST(DramScheduler, AYoungerRowHitOvertakesAnOlderConflict) {
  const DramConfig cfg = config();
  const std::uint64_t row0 = address_of(cfg, at(0, 0, 0, 0, 0));
  const std::uint64_t row1 = address_of(cfg, at(0, 0, 0, 1, 0));
  const std::uint64_t row0_next = address_of(cfg, at(0, 0, 0, 0, 1));
  DramRun run(cfg);
  // Row 0 opens for the first read; the conflict (row 1) arrives before the second hit on row 0.
  const auto r = run.replay({read_at(row0), read_at(row1), read_at(row0_next)});
  EXPECT_LT(r.done[2], r.done[1]);
  EXPECT_EQ(r.stats.row_hits, 1u);
  EXPECT_EQ(r.stats.row_misses, 1u);
  EXPECT_EQ(r.stats.row_conflicts, 1u);
}

TEST(DramScheduler, HitsStopOvertakingAStarvingRequest) {
  const DramConfig cfg = config();
  std::vector<TraceRequest> t{read_at(address_of(cfg, at(0, 0, 0, 0, 0))),
                              read_at(address_of(cfg, at(0, 0, 0, 1, 0)))};  // the conflict
  for (int i = 0; i < 3000; ++i) {  // a row-0 hit every 4 ns for 12 us: enough to starve it forever
    t.push_back(read_at(address_of(cfg, at(0, 0, 0, 0, (i + 1) % 128)), 4.0 * (i + 1)));
  }
  DramRun run(cfg);
  const auto r = run.replay(t);
  EXPECT_LE(latency(r, 1), DramChannel::kStarvationLimit + 200);
  EXPECT_GT(latency(r, 1), DramChannel::kStarvationLimit);
  EXPECT_EQ(check_command_log(cfg, run.log), "");
}

TEST(DramScheduler, WritesDrainAtTheHighWaterMarkDownToTheLowOne) {
  const DramConfig cfg = config();  // 32 entries: drain at 24, stop at 8
  ASSERT_EQ(cfg.drain_high, 24);
  ASSERT_EQ(cfg.drain_low, 8);
  // A stream of row hits in bank group 1 keeps the bus busy with reads: a write (RD->WR 11 clocks) is
  // never ready before the next read (tCCD_L 6), so writes wait for a drain. The drain serves 16 writes
  // (row 0 of one bank, back to back) and stops at 8 left; those need another row, so the reads, ready
  // first, take the bus back until their stream ends.
  std::vector<TraceRequest> t;
  auto reads = [&](int from, int n) {
    for (int i = from; i < from + n; ++i) t.push_back(read_at(address_of(cfg, at(0, 1, 0, 0, i % 128))));
  };
  reads(0, 20);
  for (int i = 0; i < 24; ++i) t.push_back(write_at(address_of(cfg, at(0, 0, 0, i < 16 ? 0 : 1, i % 16))));
  reads(20, 200);
  DramRun run(cfg);
  const auto r = run.replay(t);
  EXPECT_EQ(r.completions, t.size());
  std::vector<DramCycle> writes;
  for (const auto& c : run.log) {
    if (is_write(c.command)) writes.push_back(c.cycle);
  }
  ASSERT_EQ(writes.size(), 24u);
  EXPECT_GE(writes[0], r.accepted[20 + 23]);  // nothing before the 24th write arrived
  EXPECT_EQ(writes[15] - writes[0], 15 * 6);  // tCCD_L apart: no read in between
  EXPECT_GT(writes[16] - writes[15], 500);    // the rest after the read stream
  EXPECT_EQ(check_command_log(cfg, run.log), "");
}

TEST(DramScheduler, RefreshesEveryTREFIAndClosesRowsFirst) {
  const DramConfig cfg = config([](DramSpec& s) { s.refresh = true; });
  std::vector<TraceRequest> t;
  for (int i = 0; i < 200; ++i) t.push_back(read_at(static_cast<std::uint64_t>(i) * 64, 500.0 * i));
  DramRun run(cfg);
  const auto r = run.replay(t);
  // 200 x 500 ns = 100 us = 120,048 clocks: refreshes due at 9360, 18720, ... (12 of them).
  EXPECT_NEAR(static_cast<double>(r.stats.commands.ref), static_cast<double>(r.end_cycle / 9360), 1.0);
  EXPECT_EQ(r.stats.commands.prea, r.stats.commands.ref);  // the open row is closed before each
  DramCycle last_ref = 0;
  for (const auto& c : run.log) {
    if (c.command != Command::REF) continue;
    EXPECT_GE(c.cycle, last_ref + 9360 - 420);  // on schedule (tREFI) give or take a refresh
    last_ref = c.cycle;
  }
  EXPECT_EQ(check_command_log(cfg, run.log), "");
}

TEST(DramScheduler, IdleProbesWithRefreshMatchDramMd) {
  // dram.md: with refresh on, idle probes average 34 (sequential) and 58 (random); p99 about 400.
  const DramConfig cfg = config([](DramSpec& s) { s.refresh = true; });
  struct Case {
    const char* name;
    double mean;
  };
  for (const Case& c : {Case{"idle_seq", 34}, Case{"idle_rand", 58}}) {
    DramRun run(cfg);
    std::vector<TraceRequest> t;
    std::uint64_t x = 1;
    for (int i = 0; i < 2000; ++i) {
      x = x * 6364136223846793005ull + 1442695040888963407ull;
      const std::uint64_t a = std::string(c.name) == "idle_seq" ? i * 64ull : (x >> 20) % (1ull << 24) * 64;
      t.push_back(read_at(a, 500.0 * i));
    }
    const auto r = run.replay(t);
    EXPECT_NEAR(r.stats.read_latency.mean(), c.mean, 0.15 * c.mean) << c.name;
    EXPECT_NEAR(static_cast<double>(r.stats.read_latency.percentile(0.99)), 400, 60) << c.name;
  }
}

// Random traffic from every corner of the configuration space: the log obeys the oracle, every request
// completes once (replay_trace checks that), and the watchdog never fires.
TEST(DramScheduler, RandomTrafficIsLegalCompleteAndDeadlockFree) {
  struct Variant {
    const char* name;
    std::function<void(DramSpec&)> tweak;
  };
  const Variant variants[] = {
      {"ddr4", [](DramSpec&) {}},
      {"ddr4_refresh_closed", [](DramSpec& s) { s.refresh = true; s.page_policy = "closed"; }},
      {"two_ranks_refresh", [](DramSpec& s) { s.ranks = 2; s.refresh = true; }},
      {"small_queues_fe0", [](DramSpec& s) { s.read_queue = 2; s.write_queue = 3; s.frontend_latency = 0; }},
      {"lpddr4", [](DramSpec& s) { s.preset = "LPDDR4-3200"; s.refresh = true; }},
      {"hbm2_4ch", [](DramSpec& s) { s.preset = "HBM2"; s.channels = 4; s.refresh = true; }},
      {"bg_lowest", [](DramSpec& s) { s.address_mapping = "ro_ba_co_bg"; s.refresh = true; }},
  };
  for (const Variant& v : variants) {
    const DramConfig cfg = config(v.tweak);
    std::vector<TraceRequest> t;
    std::uint64_t x = 99;
    const std::uint64_t span = std::min<std::uint64_t>(cfg.org.capacity_bytes(), 64ull << 20);
    for (int i = 0; i < 6000; ++i) {
      x = x * 6364136223846793005ull + 1442695040888963407ull;
      const bool hot = (x >> 60) < 10;  // mostly a few hot rows, so hits, misses and conflicts all occur
      const std::uint64_t a = hot ? (x >> 24) % 4096 * 64 : (x >> 20) % (span / 64) * 64;
      const double time = (x >> 62) == 0 ? 2.0 * i : -1;  // bursts of back-to-back requests, some paced
      t.push_back((x >> 33) % 3 == 0 ? write_at(a, time) : read_at(a, time));
    }
    DramRun run(cfg);
    ReplayResult r;
    ASSERT_NO_THROW(r = run.replay(t)) << v.name;
    EXPECT_EQ(r.completions, t.size()) << v.name;
    EXPECT_EQ(r.stats.reads + r.stats.writes, t.size()) << v.name;
    EXPECT_EQ(r.stats.read_bytes + r.stats.write_bytes, t.size() * cfg.org.burst_bytes()) << v.name;
    EXPECT_EQ(r.stats.row_hits + r.stats.row_misses + r.stats.row_conflicts, t.size()) << v.name;
    for (int ch = 0; ch < cfg.org.channels; ++ch) {
      std::vector<IssuedCommand> mine;
      for (const auto& c : run.log) {
        if (c.address.channel == ch) mine.push_back(c);
      }
      EXPECT_EQ(check_command_log(cfg, mine), "") << v.name << " channel " << ch;
    }
    // Commands balance: every ACT is closed by a PRE (explicit, auto or all-bank) or still open.
    EXPECT_LE(r.stats.commands.act - r.stats.commands.pre,
              static_cast<std::uint64_t>(cfg.org.banks_per_channel() * cfg.org.channels))
        << v.name;
  }
}

TEST(DramScheduler, TheWatchdogNamesTheController) {
  // An engine that accepts requests and never does anything: the replay must not hang.
  struct Stuck final : DramEngine {
    DramConfig cfg = test::config();  // (config() alone would be the member below)
    int held = 0;
    const DramConfig& config() const override { return cfg; }
    std::uint64_t capacity_bytes() const override { return 1ull << 30; }
    int channel_of(std::uint64_t) const override { return 0; }
    bool can_accept(int, bool, int) const override { return held < 4; }
    void accept(const DramAccess&, DramCycle) override { ++held; }
    void advance(DramCycle, std::vector<DramCompletion>&) override {}
    DramCycle next_event() const override { return kNever; }
    bool idle() const override { return false; }
    DramStats stats() const override { return {}; }
  } stuck;
  try {
    replay_trace(stuck, {read_at(0), read_at(64)}, 5000);
    ADD_FAILURE() << "no watchdog";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("DRAM controller is stuck"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace systolica::dram::test
