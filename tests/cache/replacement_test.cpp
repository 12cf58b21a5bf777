// Hand-made address streams through one set, with the hit/miss/eviction sequence each policy must give.
// Lines are letters: 'A' is line 0, 'B' line 1, ...; with one set every line competes for the same ways.
#include <gtest/gtest.h>

#include <stdexcept>

#include "arch/cache/replacement_policy.h"
#include "tests/cache/core_runner.h"

namespace systolica::test {
namespace {

TEST(L2Replacement, LruEvictsTheLeastRecentlyUsedLine) {
  BankCore core(small_bank("lru", 1, 4));
  // A B C D fill the four ways. A hits and becomes the most recent, so the recency order (oldest first) is
  // B C D A. E evicts B; then B (now a miss) evicts C; F evicts D; A still hits; order is E B F A, so C
  // (a miss) evicts E.
  const CoreTrace t = read_lines(core, "ABCDAEBFAC");
  EXPECT_EQ(t.outcomes, "MMMMHMMMHM");
  EXPECT_EQ(t.evicted, "BCDE");
}

TEST(L2Replacement, LruIsFlushedByAScan) {
  BankCore core(small_bank("lru", 1, 4));
  // A and B are used twice, then the scan C D E F G passes once. LRU keeps the most recent four, so E
  // evicts A, F evicts B, G evicts C, and the returning A and B miss (evicting D and E).
  const CoreTrace t = read_lines(core, "ABABCDEFGAB");
  EXPECT_EQ(t.outcomes, "MMHHMMMMMMM");
  EXPECT_EQ(t.evicted, "ABCDE");
}

TEST(L2Replacement, SrripKeepsReusedLinesThroughAScan) {
  BankCore core(small_bank("srrip", 1, 4));
  // RRPVs per way after each step (ways hold A B C D in order):
  //   A B        insert at 2            {2 2 - -}
  //   A B hit    promote to 0           {0 0 - -}
  //   C D        insert at 2            {0 0 2 2}
  //   E          no 3: age all by 1 -> {1 1 3 3}; evict the lowest way at 3, C; E enters at 2 {1 1 2 3}
  //   F          D is at 3: evict it, no aging; F at 2                                        {1 1 2 2}
  //   G          age by 1 -> {2 2 3 3}; evict E (way 2); G at 2                                {2 2 2 3}
  //   A B        hit: the scan never displaced them
  const CoreTrace t = read_lines(core, "ABABCDEFGAB");
  EXPECT_EQ(t.outcomes, "MMHHMMMMMHH");
  EXPECT_EQ(t.evicted, "CDE");
}

TEST(L2Replacement, RandomFollowsTheSeededSplitmix64Sequence) {
  BankCore core(small_bank("random", 1, 4));
  // Seed 1. The n-th eviction uses output n+1 of splitmix64 seeded with 1 (the reference generator;
  // splitmix64(1234567) = 6457827717110365317 checks an implementation). Its outputs mod 4:
  //   0x910a2dec89025cc1 -> 1, 0xbeeb8da1658eec67 -> 3, 0xf893a2eefb32555e -> 2, 0x71c18690ee42c90b -> 3,
  //   0x71bb54d8d101b5b9 -> 1, 0xc34d0bff90150280 -> 0.
  // Ways start as A B C D. E takes way 1 (B); F way 3 (D); B way 2 (C); A hits in way 0; D way 3 (F);
  // C way 1 (E); E way 0 (A).
  const CoreTrace t = read_lines(core, "ABCDEFBADCE");
  EXPECT_EQ(t.outcomes, "MMMMMMMHMMM");
  EXPECT_EQ(t.evicted, "BDCFEA");
}

TEST(L2Replacement, RandomWithTheSameSeedRepeats) {
  BankCore a(small_bank("random", 1, 8)), b(small_bank("random", 1, 8));
  const std::string stream = "ABCDEFGHIJKLMNOPAQBRCSDTEUFVGWHXIY";
  EXPECT_EQ(read_lines(a, stream).evicted, read_lines(b, stream).evicted);
}

TEST(L2Replacement, InvalidWaysFillFirstAndFillingWaysAreNeverVictims) {
  for (const std::string& policy : replacement_policy_names()) {
    SCOPED_TRACE(policy);
    BankCore core(small_bank(policy, 1, 2));
    Access a;
    a.size = 64;
    a.address = line_address('A');
    const AccessResult ra = core.access(a);
    a.address = line_address('B');
    const AccessResult rb = core.access(a);
    ASSERT_EQ(ra.outcome, Outcome::MissFill);
    ASSERT_EQ(rb.outcome, Outcome::MissFill);
    EXPECT_FALSE(ra.evicted || rb.evicted);  // the two invalid ways took them
    a.address = line_address('C');
    EXPECT_EQ(core.access(a).blocked, BlockReason::NoWay);  // both ways wait for their fills
    core.complete_fill(ra.mshr, nullptr);
    const AccessResult rc = core.access(a);
    EXPECT_EQ(rc.outcome, Outcome::MissFill);
    EXPECT_EQ(rc.evicted_line, 0u);  // A: the only way not filling
  }
}

TEST(L2Replacement, RegistryKnowsThePoliciesAndRejectsOthers) {
  EXPECT_EQ(replacement_policy_names(), (std::vector<std::string>{"lru", "random", "srrip"}));
  try {
    make_replacement_policy("plru", ReplacementShape{});
    FAIL() << "expected std::invalid_argument";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "unknown L2 replacement policy 'plru'; known: lru, random, srrip");
  }
}

}  // namespace
}  // namespace systolica::test
