// Bank-port timing of the SRAM model without a simulator: an access is granted at the first cycle at or
// after its earliest cycle with a free port on its bank, and its data is ready latency cycles later.
#include <gtest/gtest.h>

#include "arch/sram/sram.h"

namespace systolica {
namespace {

// 4 banks of 8 rows of 16 B; row r is in bank r / 8.
SramSpec spec(int ports, int latency) {
  return SramSpec{4 * 8 * 16, 4, 16, ports, latency};
}

TEST(SramTiming, OnePortSerialisesAccessesToABankAndCountsTheConflicts) {
  Sram s("sp", spec(1, 3), false);
  // Three accesses to bank 0 (rows 0, 1, 7), all wanting cycle 5: granted 5, 6, 7; ready 3 cycles later.
  const SramGrant a = s.access(0, SramOp::Read, 5);
  const SramGrant b = s.access(1, SramOp::Read, 5);
  const SramGrant c = s.access(7, SramOp::Write, 5);
  EXPECT_EQ(a.cycle, 5);
  EXPECT_EQ(a.ready, 8);
  EXPECT_EQ(b.cycle, 6);
  EXPECT_EQ(b.ready, 9);
  EXPECT_EQ(c.cycle, 7);
  EXPECT_EQ(c.ready, 10);
  const SramStats t = s.total_stats();
  EXPECT_EQ(t.reads, 2u);
  EXPECT_EQ(t.writes, 1u);
  EXPECT_EQ(t.read_bytes, 32u);
  EXPECT_EQ(t.write_bytes, 16u);
  EXPECT_EQ(t.conflicts, 2u);        // b and c waited
  EXPECT_EQ(t.conflict_cycles, 3u);  // 1 + 2
}

TEST(SramTiming, OtherBanksAreIndependent) {
  Sram s("sp", spec(1, 1), false);
  // Rows 0, 8, 16, 24 are in banks 0..3: all four in cycle 2, no conflict.
  for (SramRow r : {0, 8, 16, 24}) EXPECT_EQ(s.access(r, SramOp::Write, 2).cycle, 2);
  EXPECT_EQ(s.total_stats().conflicts, 0u);
  EXPECT_EQ(s.ports_used(0, 2), 1);
  EXPECT_EQ(s.ports_used(0, 3), 0);
}

TEST(SramTiming, TwoPortsServeTwoAccessesPerCycle) {
  Sram s("sp", spec(2, 1), false);
  // Not granted in 4 once both ports of 4 are taken; granted in 5.
  EXPECT_EQ(s.access(3, SramOp::Read, 4).cycle, 4);
  EXPECT_EQ(s.access(4, SramOp::Write, 4).cycle, 4);
  EXPECT_EQ(s.ports_used(0, 4), 2);
  EXPECT_EQ(s.access(5, SramOp::Read, 4).cycle, 5);
  EXPECT_EQ(s.access(6, SramOp::Read, 4).cycle, 5);
  EXPECT_EQ(s.access(6, SramOp::Read, 4).cycle, 6);
  EXPECT_EQ(s.total_stats().conflict_cycles, 1u + 1u + 2u);
}

TEST(SramTiming, AnEarlierAccessFillsAGapBeforeAFutureReservation) {
  Sram s("sp", spec(1, 1), false);
  // The array reserves cycles 10 and 11 of bank 1 ahead of time (a tile's streaming).
  EXPECT_EQ(s.access(8, SramOp::Read, 10, SramClient::Array).cycle, 10);
  EXPECT_EQ(s.access(9, SramOp::Read, 11, SramClient::Array).cycle, 11);
  // A DMA write wanting cycle 9 still gets 9; one wanting 10 waits for 12.
  EXPECT_EQ(s.access(12, SramOp::Write, 9, SramClient::Dma).cycle, 9);
  EXPECT_EQ(s.access(12, SramOp::Write, 10, SramClient::Dma).cycle, 12);
  EXPECT_EQ(s.stats(SramClient::Dma).conflicts, 1u);
  EXPECT_EQ(s.stats(SramClient::Dma).conflict_cycles, 2u);
  EXPECT_EQ(s.stats(SramClient::Array).conflicts, 0u);
  EXPECT_EQ(s.stats(SramClient::Array).reads, 2u);
}

TEST(SramTiming, ForgottenCyclesAreServedFromTheHorizon) {
  Sram s("sp", spec(1, 1), false);
  s.access(0, SramOp::Read, 3);
  s.forget_before(8);  // the present is cycle 8: nothing can happen before it any more
  EXPECT_EQ(s.ports_used(0, 3), 0);
  const SramGrant g = s.access(0, SramOp::Read, 3);
  EXPECT_EQ(g.cycle, 8);
  EXPECT_EQ(s.access(1, SramOp::Read, 8).cycle, 9);
  EXPECT_EQ(s.total_stats().conflict_cycles, 1u);  // waiting from the horizon, not from the past
}

TEST(SramTiming, PartialAccessesCountTheirBytesAndStillTakeAPort) {
  Sram s("sp", spec(1, 1), false);
  EXPECT_EQ(s.access(0, SramOp::Write, 0, SramClient::Dma, 5).cycle, 0);
  EXPECT_EQ(s.access(0, SramOp::Write, 0, SramClient::Dma, 5).cycle, 1);
  EXPECT_EQ(s.stats(SramClient::Dma).write_bytes, 10u);
}

TEST(Sram, TimingOnlyKeepsNoStorage) {
  EXPECT_FALSE(Sram("t", spec(1, 1), false).functional());
  Sram f("f", spec(1, 1), true);
  ASSERT_TRUE(f.functional());
  f.row_data(31)[15] = 7;
  EXPECT_EQ(f.row_data(31)[15], 7);
  EXPECT_EQ(f.row_data(0)[0], 0);
}

}  // namespace
}  // namespace systolica
