// How an integrator gets an L2 (or none), how it routes to the banks, and what happens if it misroutes.
#include <gtest/gtest.h>

#include <systemc>

#include "tests/cache/l2_bench.h"

namespace systolica::test {
namespace {

TEST(L2Factory, CapacityZeroMeansNoL2) {
  // No module at all: the SoC binds the interconnect straight to memory (docs/l2_cache.md).
  L2Spec spec = l2_spec(0, 8, 4, 10, 16, 8);
  EXPECT_EQ(make_l2("l2", spec, ClockDomain(1e9)), nullptr);
  spec.capacity_bytes = 512ull * 1024;
  const std::unique_ptr<L2Cache> l2 = make_l2("l2", spec, ClockDomain(1e9));
  ASSERT_NE(l2, nullptr);
  EXPECT_EQ(l2->banks(), 4);
  EXPECT_EQ(l2->bank(0).geometry().sets, 512ull * 1024 / (8ull * 64 * 4));
}

TEST(L2Factory, BanksInterleaveByLine) {
  const L2Spec spec = l2_spec(512ull * 1024, 8, 4, 10, 16, 8);
  EXPECT_EQ(L2Cache::bank_of(0x0, spec), 0);
  EXPECT_EQ(L2Cache::bank_of(0x3F, spec), 0);  // same line
  EXPECT_EQ(L2Cache::bank_of(0x40, spec), 1);  // next line, next bank
  EXPECT_EQ(L2Cache::bank_of(0xC0, spec), 3);
  EXPECT_EQ(L2Cache::bank_of(0x100, spec), 0);  // wraps
  EXPECT_EQ(L2Cache::bank_of(0x1'0000'0040, spec), 1);
}

TEST(L2FactoryDeathTest, ARequestOnTheWrongBankStopsTheRun) {
  EXPECT_DEATH(
      {
        const ClockDomain clock(1e9);
        L2Bench bench(l2_spec(4096, 4, 2, 10, 4, 4), L2Options{}, clock);
        bench.cpu.route = [](std::uint64_t) { return 0; };      // everything to bank 0
        bench.cpu.submit(make_request(0, 0x40, 64, false, 0));  // line 1: bank 1
        sc_core::sc_start();
      },
      "request 0x40 belongs to bank 1 but arrived on upstream\\[0\\]");
}

}  // namespace
}  // namespace systolica::test
