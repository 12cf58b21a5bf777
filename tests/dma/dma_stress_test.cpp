// Random traffic on tight resources: every command completes (no deadlock), bytes are conserved, and a
// timing-only run takes exactly the same cycles and sends exactly the same requests as a functional one,
// even though loads and stores often want the socket in the same cycle.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "tests/dma/dma_bench.h"

namespace systolica::test {
namespace {

DmaCommand random_command(std::mt19937_64& rng, std::uint64_t id, DmaDirection dir, const DmaBench& b,
                          int request_bytes, std::size_t memory_bytes) {
  const auto pick = [&](std::int64_t lo, std::int64_t hi) {
    return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng);
  };
  for (;;) {
    DmaCommand c;
    c.id = id;
    c.direction = dir;
    c.local = pick(0, 2) == 0 ? DmaLocal::Accumulator : DmaLocal::Scratchpad;
    c.raw_int32 = pick(0, 1) == 1;
    c.acc_write = pick(0, 1) == 1 ? AccWrite::Accumulate : AccWrite::Overwrite;
    c.scale = OutputScale::from_real(1.0 / static_cast<double>(pick(1, 500)), pick(0, 1) == 1 ? Activation::Relu : Activation::None);
    const std::int64_t eb = c.memory_element_bytes();
    c.dims[0] = {pick(1, 24), pick(0, 3) == 0 ? eb * pick(2, 5) : eb};
    c.dims[1] = {pick(1, 5), c.dims[0].size * c.dims[0].stride_bytes + eb * pick(0, 9)};
    c.dims[2] = {pick(1, 3), c.dims[1].size * c.dims[1].stride_bytes + eb * pick(0, 40)};
    const Sram& local =
        c.local == DmaLocal::Scratchpad ? b.scratchpad : static_cast<const Sram&>(b.accumulator);
    const int max_per_row = local.geometry().row_bytes() / c.local_element_bytes();
    c.elements_per_row = pick(0, 2) == 0 ? static_cast<int>(pick(1, max_per_row)) : 0;
    c.dense = pick(0, 3) == 0;
    const SramRow rows = DmaRowPacking(c, local.geometry().row_bytes()).rows();
    if (rows > local.geometry().rows()) continue;
    c.first_row = pick(0, local.geometry().rows() - rows);
    std::int64_t extent = eb;
    for (const DmaDim& d : c.dims) extent += (d.size - 1) * d.stride_bytes;
    c.address =
        static_cast<std::uint64_t>(pick(0, (static_cast<std::int64_t>(memory_bytes) - extent) / eb) * eb);
    validate_dma_command(c, local.geometry(), request_bytes);  // the generator must only make valid ones
    return c;
  }
}

TEST(DmaStress, RandomTrafficCompletesConservesBytesAndIsDeterministic) {
  BenchSpec spec;
  spec.dma = DmaSpec{8, 16, 3};
  spec.memory.latency = 5;
  spec.memory.queue_depth = 2;
  BenchSpec timing_spec = spec;
  timing_spec.functional = false;
  DmaBench f("functional", spec);
  DmaBench t("timing", timing_spec);
  std::mt19937_64 rng(9);
  std::uint64_t load_bytes = 0, store_bytes = 0;
  std::vector<std::pair<Cycle, DmaCommand>> script;
  for (std::uint64_t id = 0; id < 160; ++id) {
    const DmaDirection dir = id % 2 == 0 ? DmaDirection::Load : DmaDirection::Store;
    const DmaCommand c = random_command(rng, id, dir, f, spec.dma.request_bytes, f.memory.memory.size());
    (dir == DmaDirection::Load ? load_bytes : store_bytes) += c.memory_bytes();
    script.emplace_back(std::uniform_int_distribution<Cycle>(0, 3000)(rng), c);
  }
  std::sort(script.begin(), script.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [cycle, c] : script) {
    f.at(cycle, c);
    t.at(cycle, c);
  }
  sc_core::sc_start();

  ASSERT_EQ(f.done.size(), 160u) << "a command never completed";
  ASSERT_EQ(t.done.size(), 160u) << "a command never completed";
  for (const auto& [id, p] : f.done) {
    EXPECT_EQ(p.completion.done, t.done.at(id).completion.done) << id;
    EXPECT_EQ(p.posted, t.done.at(id).posted) << id;
    EXPECT_EQ(p.completion.requests, t.done.at(id).completion.requests) << id;
  }
  ASSERT_EQ(f.memory.log.size(), t.memory.log.size());
  for (std::size_t i = 0; i < f.memory.log.size(); ++i) {
    EXPECT_EQ(f.memory.log[i].address, t.memory.log[i].address) << i;
    EXPECT_EQ(f.memory.log[i].write, t.memory.log[i].write) << i;
    EXPECT_EQ(f.memory.log[i].accepted, t.memory.log[i].accepted) << i;
  }
  for (DmaBench* b : {&f, &t}) {
    const DmaStats& s = b->dma.stats();
    EXPECT_EQ(s.load.bytes, load_bytes);
    EXPECT_EQ(s.load.bytes_completed, load_bytes);
    EXPECT_EQ(b->memory.bytes_read, load_bytes);
    EXPECT_EQ(s.store.bytes, store_bytes);
    EXPECT_EQ(s.store.bytes_completed, store_bytes);
    EXPECT_EQ(b->memory.bytes_written, store_bytes);
    EXPECT_LE(s.peak_outstanding, 3);
    EXPECT_GT(s.load.arbitration_cycles + s.store.arbitration_cycles, 0u);  // the engines did collide
    EXPECT_GT(s.load.memory_wait_cycles() + s.store.memory_wait_cycles(), 0u);
    EXPECT_TRUE(b->dma.idle());
  }
  EXPECT_EQ(f.scratchpad.total_stats().conflict_cycles, t.scratchpad.total_stats().conflict_cycles);
}

}  // namespace
}  // namespace systolica::test
