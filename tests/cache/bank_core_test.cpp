// The cache core without time: MSHR merging and its order, MSHR and target limits, whole-line writes,
// dirty victims in the write buffer, and the checks that stop a run on a malformed request.
#include <gtest/gtest.h>

#include <numeric>
#include <vector>

#include "tests/cache/core_runner.h"

namespace systolica::test {
namespace {

Access make(std::uint64_t address, std::uint32_t size, bool write, int requester = 0,
            std::uint8_t* data = nullptr) {
  Access a;
  a.address = address;
  a.size = size;
  a.write = write;
  a.requester = requester;
  a.data = data;
  return a;
}

TEST(L2BankCore, SameLineMissesMergeAndApplyInArrivalOrder) {
  BankConfig config = small_bank("lru", 2, 2, /*functional=*/true);
  config.targets_per_mshr = 3;
  BankCore core(config);
  std::vector<std::uint8_t> first(8), written(8, 0xAA), second(8), fill(64);
  std::iota(fill.begin(), fill.end(), 100);

  const AccessResult r0 = core.access(make(0x0, 8, false, 0, first.data()));  // read [0, 8)
  ASSERT_EQ(r0.outcome, Outcome::MissFill);
  const AccessResult r1 = core.access(make(0x8, 8, true, 1, written.data()));  // write [8, 16)
  const AccessResult r2 = core.access(make(0x8, 8, false, 2, second.data()));  // read it back
  EXPECT_EQ(r1.outcome, Outcome::Merged);
  EXPECT_EQ(r2.outcome, Outcome::Merged);
  EXPECT_EQ(r1.mshr, r0.mshr);
  std::vector<std::uint8_t> third(8);  // a fourth request exceeds the three targets
  EXPECT_EQ(core.access(make(0x10, 8, false, 3, third.data())).blocked, BlockReason::TargetsFull);

  const std::vector<Access> done = core.complete_fill(r0.mshr, fill.data());
  ASSERT_EQ(done.size(), 3u);
  EXPECT_EQ(done[0].requester, 0);
  EXPECT_EQ(done[1].requester, 1);
  EXPECT_EQ(done[2].requester, 2);
  EXPECT_EQ(first, std::vector<std::uint8_t>(fill.begin(), fill.begin() + 8));  // the fill's bytes
  EXPECT_EQ(second, written);  // the read came after the write, so it sees the write
  EXPECT_TRUE(core.probe(0x0)->dirty);

  EXPECT_EQ(core.access(make(0x10, 8, false, 3, third.data())).outcome, Outcome::Hit);
  EXPECT_EQ(third, std::vector<std::uint8_t>(fill.begin() + 16, fill.begin() + 24));
  const L2Counters total = core.stats().total();
  EXPECT_EQ(total.misses, 3u);
  EXPECT_EQ(total.mshr_merges, 2u);
  EXPECT_EQ(total.fills, 1u);
  EXPECT_EQ(total.hits, 1u);
  EXPECT_EQ(core.stats().by_requester().at(1).mshr_merges, 1u);
  EXPECT_EQ(core.mshrs_in_use(), 0);
}

TEST(L2BankCore, FullMshrFileBlocksMissesButNotHitsOrWholeLineWrites) {
  BankConfig config = small_bank("lru", 4, 2);
  config.mshrs = 2;
  BankCore core(config);
  const AccessResult a = core.access(make(0 * 64ull, 64, false));
  const AccessResult b = core.access(make(1 * 64ull, 64, false));
  ASSERT_EQ(a.outcome, Outcome::MissFill);
  ASSERT_EQ(b.outcome, Outcome::MissFill);
  const L2Counters before = core.stats().total();
  EXPECT_EQ(core.access(make(2 * 64ull, 4, false)).blocked, BlockReason::MshrsFull);
  // A partial write needs a fill, so an MSHR.
  EXPECT_EQ(core.access(make(3 * 64ull, 32, true)).blocked, BlockReason::MshrsFull);
  EXPECT_EQ(core.stats().total().reads, before.reads);  // a blocked access leaves no trace
  EXPECT_EQ(core.stats().total().writes, before.writes);
  EXPECT_EQ(core.access(make(3 * 64ull, 64, true)).outcome, Outcome::MissNoFill);  // whole line: no fill
  EXPECT_EQ(core.access(make(3 * 64ull + 8, 8, false)).outcome, Outcome::Hit);
  EXPECT_EQ(core.access(make(0, 8, false)).outcome, Outcome::Merged);
  core.complete_fill(a.mshr, nullptr);
  EXPECT_EQ(core.access(make(2 * 64ull, 4, false)).outcome, Outcome::MissFill);
  EXPECT_EQ(core.stats().total().full_line_write_misses, 1u);
}

TEST(L2BankCore, DirtyVictimsGoToTheWriteBufferWithTheirAddressAndBytes) {
  BankConfig config = small_bank("lru", 1, 2, /*functional=*/true);
  config.write_buffers = 1;
  BankCore core(config);
  std::vector<std::uint8_t> a_bytes(64, 0x11), b_bytes(64, 0x22), sink(64);
  // A and B are written whole (allocated dirty, no fill); C's read miss evicts A, the older.
  ASSERT_EQ(core.access(make(line_address('A'), 64, true, 0, a_bytes.data())).outcome, Outcome::MissNoFill);
  ASSERT_EQ(core.access(make(line_address('B'), 64, true, 0, b_bytes.data())).outcome, Outcome::MissNoFill);
  const AccessResult c = core.access(make(line_address('C'), 64, false, 1, sink.data()));
  ASSERT_EQ(c.outcome, Outcome::MissFill);
  ASSERT_GE(c.writeback, 0);
  EXPECT_EQ(core.writeback_line(c.writeback) * 64, line_address('A'));
  EXPECT_EQ(core.writeback(c.writeback).data, a_bytes);
  EXPECT_EQ(core.writeback(c.writeback).requester, 1);  // charged to the miss that evicted it
  // The next dirty victim (B) finds the one buffer full; and A cannot be refetched while it is being
  // written, or the fill might read memory before the write lands.
  const std::vector<std::uint8_t> fill(64, 0x33);
  core.complete_fill(c.mshr, fill.data());
  EXPECT_EQ(core.access(make(line_address('D'), 64, false, 1, sink.data())).blocked,
            BlockReason::WriteBufferFull);
  EXPECT_EQ(core.access(make(line_address('A'), 64, false, 1, sink.data())).blocked,
            BlockReason::LineBeingWrittenBack);
  core.complete_writeback(c.writeback);
  const AccessResult again = core.access(make(line_address('A'), 64, false, 1, sink.data()));
  EXPECT_EQ(again.outcome, Outcome::MissFill);
  EXPECT_EQ(again.evicted_line * 64, line_address('B'));
  EXPECT_GE(again.writeback, 0);
  const L2Counters& s1 = core.stats().by_requester().at(1);
  EXPECT_EQ(s1.evictions, 2u);
  EXPECT_EQ(s1.writebacks, 2u);
}

TEST(L2BankCore, WithoutWriteBuffersTheBankWaitsForEachWriteBack) {
  BankConfig config = small_bank("lru", 1, 2);
  config.write_buffers = 0;
  BankCore core(config);
  core.access(make(line_address('A'), 64, true));
  core.access(make(line_address('B'), 64, true));
  const AccessResult c = core.access(make(line_address('C'), 64, false));  // evicts dirty A
  ASSERT_GE(c.writeback, 0);
  EXPECT_EQ(core.access(make(line_address('B'), 8, false)).blocked,
            BlockReason::WriteBufferFull);  // even a hit
  core.complete_writeback(c.writeback);
  EXPECT_EQ(core.access(make(line_address('B'), 8, false)).outcome, Outcome::Hit);
}

TEST(L2BankCore, SetsAndBanksSplitTheAddress) {
  const L2Geometry g =
      L2Geometry::from(L2Spec{6ull * 4 * 64 * 3, 4, 64, 3, 10, 4, 4, "lru"});  // 6 sets x 3 banks
  EXPECT_EQ(g.sets, 6u);
  EXPECT_EQ(g.bank_of_line(7), 1);          // 7 % 3
  EXPECT_EQ(g.set_of_line(7), 2u);          // (7 / 3) % 6
  EXPECT_EQ(g.set_of_line(3 * 6 + 1), 0u);  // line 19: the bank's 7th line wraps to set 0
  EXPECT_EQ(g.line_of(0x1C7), 7u);
}

TEST(L2BankCoreDeathTest, MalformedRequestsStopTheRun) {
  BankCore timing_only(small_bank("lru", 1, 2));
  std::uint8_t byte = 0;
  EXPECT_DEATH(timing_only.access(make(0x0, 1, false, 0, &byte)), "data pointer set in a timing-only L2");
  EXPECT_DEATH(timing_only.access(make(0x38, 16, false)), "crosses a 64 B line");
}

}  // namespace
}  // namespace systolica::test
