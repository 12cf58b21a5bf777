// Contention inside a bank: conflicts between requests that want the bank in the same cycle, and the
// MSHR-full back-pressure that withholds END_REQ. Hit latency 10, memory latency 50, 1 ns cycles.
#include <gtest/gtest.h>

#include <systemc>

#include "tests/cache/l2_bench.h"

namespace systolica::test {
namespace {

sc_core::sc_time ns(double v) {
  return sc_core::sc_time(v, sc_core::SC_NS);
}

TEST(L2Contention, SameCycleRequestsToOneBankConflict) {
  const ClockDomain clock(1e9);
  L2Bench bench(l2_spec(4096, 4, 2, 10, 4, 4), L2Options{}, clock);
  // Warm-up by core 9, one per cycle: whole-line writes of lines 0, 2, 4 (bank 0) and 1 (bank 1). No fills.
  for (int i = 0; i < 4; ++i) {
    bench.cpu.submit(make_request(i, std::uint64_t(i < 3 ? 2 * i : 1) * 64, 64, true, 9));
  }
  // At cycle 100 cores 0, 1, 2 read lines 0, 2, 4 (all bank 0) and core 3 reads line 1 (bank 1), together.
  // Bank 0 starts one access per cycle, in arrival order: core 0 at 100, core 1 at 101 (one cycle lost to
  // core 0), core 2 at 102 (two lost). Bank 1 starts core 3 at 100. Each answers 10 cycles after it starts.
  for (int core = 0; core < 3; ++core) {
    bench.cpu.submit(make_request(100, std::uint64_t(2 * core) * 64, 64, false, core));
  }
  bench.cpu.submit(make_request(100, 64, 64, false, 3));
  sc_core::sc_start();

  const sc_core::sc_time answered[] = {ns(110), ns(111), ns(112), ns(110)};
  const std::uint64_t conflicts[] = {0, 1, 2, 0};
  const L2Stats stats = bench.l2.stats();
  for (int core = 0; core < 4; ++core) {
    SCOPED_TRACE(core);
    EXPECT_EQ(bench.cpu.request(4 + core).answered, answered[core]);
    EXPECT_EQ(stats.by_requester().at(core).bank_conflicts, conflicts[core]);
    EXPECT_EQ(stats.by_requester().at(core).hits, 1u);
  }
  EXPECT_EQ(stats.by_requester().at(9).bank_conflicts, 0u);
  EXPECT_EQ(stats.total().bank_conflicts, 3u);
}

TEST(L2Contention, FullMshrsWithholdEndReq) {
  const ClockDomain clock(1e9);
  L2Options options;
  options.input_queue = 2;
  L2Bench bench(l2_spec(4096, 4, 1, 10, /*mshrs=*/2, 4), options, clock);
  // Cores 0..4 each read a different line at cycle 0: five misses into one bank with two MSHRs and a
  // two-entry input queue.
  //   cycle 0:   r0, r1 queued (END_REQ); r2 held back. r0 starts (MSHR 0); r2 takes the free slot
  //              (END_REQ at 0) and the initiator's r3 is held back.
  //   cycle 1:   r1 starts (MSHR 1); r3 admitted (END_REQ at 1); r4 held back.
  //   cycle 2:   r2 finds no MSHR: the queue stops, and END_REQ for r4 waits.
  //   cycle 60:  r0's fill (sent at 10) arrives: r0 answered, r2 starts (MSHR 0), r4 admitted (END_REQ).
  //   cycle 61:  r1's fill arrives: r1 answered, r3 starts (MSHR 1).
  //   cycle 62:  r4 finds no MSHR.
  //   cycle 120: r2's fill (sent at 70) arrives: r2 answered, r4 starts; 121: r3 answered; 180: r4.
  for (int core = 0; core < 5; ++core) {
    bench.cpu.submit(make_request(0, std::uint64_t(core) * 64, 64, false, core));
  }
  sc_core::sc_start();

  const sc_core::sc_time accepted[] = {ns(0), ns(0), ns(0), ns(1), ns(60)};
  const sc_core::sc_time answered[] = {ns(60), ns(61), ns(120), ns(121), ns(180)};
  // Conflicts: cycles lost to another request's start between entering the queue and starting.
  // r1: r0's start at 0. r2 (queued at 0, after r0's start): r0 at 0 and r1 at 1. r3 (queued at 1): r1 at 1
  // and r2 at 60. r4 (queued at 60, after r2's start): r2 at 60 and r3 at 61.
  const std::uint64_t conflicts[] = {0, 1, 2, 2, 2};
  const std::uint64_t blocked[] = {0, 0, 58, 0, 58};  // r2 from 2 to 60, r4 from 62 to 120
  const L2Stats stats = bench.l2.stats();
  for (int core = 0; core < 5; ++core) {
    SCOPED_TRACE(core);
    EXPECT_EQ(bench.cpu.request(core).accepted, accepted[core]);
    EXPECT_EQ(bench.cpu.request(core).answered, answered[core]);
    EXPECT_EQ(stats.by_requester().at(core).bank_conflicts, conflicts[core]);
    EXPECT_EQ(stats.by_requester().at(core).blocked_cycles, blocked[core]);
    EXPECT_EQ(stats.by_requester().at(core).fills, 1u);
  }
}

}  // namespace
}  // namespace systolica::test
