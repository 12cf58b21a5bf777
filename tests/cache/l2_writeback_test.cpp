// Dirty lines are written back when evicted, to the right address, with the right bytes, charged to the
// requester whose miss evicted them; clean victims are dropped; and the written data comes back.
#include <gtest/gtest.h>

#include <systemc>

#include "tests/cache/l2_bench.h"

namespace systolica::test {
namespace {

sc_core::sc_time ns(double v) {
  return sc_core::sc_time(v, sc_core::SC_NS);
}

TEST(L2Writeback, DirtyVictimsAreWrittenBackWithTheirAddressAndBytes) {
  const ClockDomain clock(1e9);
  // 256 B, 2 ways, one bank: 2 sets. Lines 0, 2, 4, 6 (A B C D, 0x80 apart) all live in set 0.
  L2Bench bench(l2_spec(256, 2, 1, 10, 4, 4), L2Options{true}, clock);
  const std::uint64_t A = 0x000, B = 0x080, C = 0x100, D = 0x180;
  TestRequest write_a = make_request(0, A, 64, true, 0);  // whole line: allocated dirty, no fill
  write_a.data.assign(64, 0x11);
  TestRequest write_b =
      make_request(1, B + 8, 8, true, 0);  // partial: B is filled (10 -> 60), then written, dirty
  write_b.data.assign(8, 0x22);
  bench.cpu.submit(write_a);
  bench.cpu.submit(write_b);
  bench.cpu.submit(make_request(100, C, 64, false, 1));  // evicts A (older than B): write-back
  bench.cpu.submit(make_request(200, D, 64, false, 1));  // evicts B (older than C): write-back
  bench.cpu.submit(make_request(300, A, 64, false, 0));  // evicts C, clean: dropped; A comes back from memory
  sc_core::sc_start();

  // Memory, in order: B's fill; C's fill then A's write-back (one line request per cycle, the fill first);
  // D's fill then B's write-back; A's fill.
  struct Expected {
    double at_ns;
    bool write;
    std::uint64_t address;
    int core;
  };
  const Expected expected[] = {{11, false, B, 0},  {110, false, C, 1}, {111, true, A, 1},
                               {210, false, D, 1}, {211, true, B, 1},  {310, false, A, 0}};
  const auto& log = bench.memory.log();
  ASSERT_EQ(log.size(), std::size(expected));
  for (std::size_t i = 0; i < log.size(); ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(log[i].accepted, ns(expected[i].at_ns));
    EXPECT_EQ(log[i].write, expected[i].write);
    EXPECT_EQ(log[i].address, expected[i].address);
    EXPECT_EQ(log[i].bytes, 64u);
    EXPECT_EQ(log[i].core, expected[i].core);
    EXPECT_EQ(log[i].kind, expected[i].write ? RequesterKind::CacheWriteback : RequesterKind::CacheFill);
  }
  EXPECT_EQ(log[2].data, std::vector<std::uint8_t>(64, 0x11));
  for (std::uint64_t i = 0; i < 64; ++i) {  // B: memory's bytes with the 8 written ones in place
    EXPECT_EQ(log[4].data[i], i >= 8 && i < 16 ? 0x22 : initial_byte(B + i)) << i;
  }
  const TestRequest& a_again = bench.cpu.request(4);
  EXPECT_EQ(a_again.data, std::vector<std::uint8_t>(64, 0x11));
  EXPECT_EQ(a_again.answered, ns(360));

  const L2Stats stats = bench.l2.stats();
  const L2Counters& c0 = stats.by_requester().at(0);
  const L2Counters& c1 = stats.by_requester().at(1);
  EXPECT_EQ(c0.evictions, 1u);  // C, clean
  EXPECT_EQ(c0.writebacks, 0u);
  EXPECT_EQ(c1.evictions, 2u);  // A and B, both dirty
  EXPECT_EQ(c1.writebacks, 2u);
  EXPECT_EQ(c0.fills, 2u);
  EXPECT_EQ(c1.fills, 2u);
}

}  // namespace
}  // namespace systolica::test
