// Exact latencies of hits and misses against a memory that answers a fixed time after it accepts.
//
// With hit latency H and a memory answering L of its cycles after it accepts, an uncontended request that
// arrives at L2 cycle t:
//   hit:                     starts at t, answered at t + H
//   whole-line write miss:   allocated without a fill, answered at t + H
//   miss:                    starts at t; its fill leaves for memory at t + H (the tag lookup is the same
//                            H cycles); memory accepts at once and answers L later; the bank answers the
//                            request in the L2 cycle the fill arrives: t + H + L (same clock), or the first
//                            L2 edge at or after that time when memory runs on another clock.
#include <gtest/gtest.h>

#include <systemc>

#include "tests/cache/l2_bench.h"

namespace systolica::test {
namespace {

sc_core::sc_time ns(double v) {
  return sc_core::sc_time(v, sc_core::SC_NS);
}

TEST(L2Latency, HitAndMissAgainstFixedLatencyMemory) {
  const ClockDomain clock(1e9);  // 1 ns cycles: cycle numbers read as nanoseconds
  L2Bench bench(l2_spec(4096, 4, 2, /*hit_latency=*/10, 4, 4), L2Options{true}, clock,
                MemorySetup{clock, /*latency=*/50});
  TestRequest miss = make_request(0, 0x1000, 64, false, 3);   // read miss: 0 + 10 + 50
  TestRequest hit = make_request(100, 0x1010, 16, false, 3);  // the same line, part of it: 100 + 10
  TestRequest whole =
      make_request(200, 0x2040, 64, true, 4);  // whole-line write miss, bank 1: 200 + 10, no fill
  whole.data.assign(64, 0x5A);
  TestRequest partial =
      make_request(300, 0x3008, 8, true, 4);  // partial write miss: needs a fill, 300 + 10 + 50
  partial.data.assign(8, 0xC3);
  for (const TestRequest& r : {miss, hit, whole, partial}) {
    bench.cpu.submit(r);
  }
  sc_core::sc_start();

  const sc_core::sc_time expected[] = {ns(60), ns(110), ns(210), ns(360)};
  for (std::size_t i = 0; i < 4; ++i) {
    SCOPED_TRACE(i);
    const TestRequest& r = bench.cpu.request(i);
    EXPECT_EQ(r.accepted, r.sent);  // the input queue had room: END_REQ at once
    EXPECT_EQ(r.answered, expected[i]);
    EXPECT_EQ(r.answers, 1);
  }
  for (std::size_t i = 0; i < 16; ++i) {  // functional: the hit returned memory's bytes
    EXPECT_EQ(bench.cpu.request(1).data[i], initial_byte(0x1010 + i));
  }
  // Memory saw exactly the two fills, each H cycles after its miss started, tagged as cache fills of the
  // requester that missed. The whole-line write needed none.
  const auto& log = bench.memory.log();
  ASSERT_EQ(log.size(), 2u);
  EXPECT_EQ(log[0].accepted, ns(10));
  EXPECT_EQ(log[0].address, 0x1000u);
  EXPECT_EQ(log[0].bytes, 64u);
  EXPECT_FALSE(log[0].write);
  EXPECT_EQ(log[0].core, 3);
  EXPECT_EQ(log[0].kind, RequesterKind::CacheFill);
  EXPECT_EQ(log[1].accepted, ns(310));
  EXPECT_EQ(log[1].address, 0x3000u);
  EXPECT_EQ(log[1].core, 4);

  const L2Stats stats = bench.l2.stats();
  EXPECT_EQ(stats.by_requester().at(3).hits, 1u);
  EXPECT_EQ(stats.by_requester().at(3).misses, 1u);
  EXPECT_EQ(stats.by_requester().at(4).misses, 2u);
  EXPECT_EQ(stats.by_requester().at(4).full_line_write_misses, 1u);
  EXPECT_EQ(stats.by_requester().at(4).fills, 1u);
  EXPECT_EQ(bench.l2.in_flight(), 0u);
}

TEST(L2Latency, MissAcrossClockDomainsLandsOnTheNextL2Edge) {
  const ClockDomain clock(1e9);
  const ClockDomain memory_clock(800e6);  // 1.25 ns cycles
  L2Bench bench(l2_spec(4096, 4, 2, 10, 4, 4), L2Options{}, clock, MemorySetup{memory_clock, /*latency=*/30});
  // The fill leaves at 10 ns (memory cycle 8 exactly) and is answered 30 x 1.25 = 37.5 ns later, at
  // 47.5 ns, between L2 edges: the bank sees it at the next edge, 48 ns. A hit later is H as ever.
  bench.cpu.submit(make_request(0, 0x40, 64, false, 0));
  bench.cpu.submit(make_request(100, 0x40, 64, false, 0));
  sc_core::sc_start();
  EXPECT_EQ(bench.cpu.request(0).answered, ns(48));
  EXPECT_EQ(bench.cpu.request(1).answered, ns(110));
}

}  // namespace
}  // namespace systolica::test
