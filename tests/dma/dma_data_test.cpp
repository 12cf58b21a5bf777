// Functional DMA runs: real bytes move both ways, bit for bit, through strided NHWC boxes, partial
// requests and the accumulator's read-out; and every byte requested is delivered.
#include <gtest/gtest.h>

#include <random>

#include "tests/dma/dma_bench.h"

namespace systolica::test {
namespace {

void fill_random(std::vector<std::uint8_t>& bytes, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  for (auto& b : bytes) b = static_cast<std::uint8_t>(rng());
}

// Memory requests must each stay inside one aligned block of request_bytes.
void expect_aligned_requests(const MemoryStub& m, int request_bytes) {
  for (const auto& r : m.log) {
    EXPECT_EQ(r.address / request_bytes, (r.address + r.length - 1) / request_bytes) << r.address;
  }
}

TEST(DmaData, StridedNhwcLoadIsBitExact) {
  BenchSpec spec;
  spec.dma.request_bytes = 16;
  DmaBench b("bench", spec);
  fill_random(b.memory.memory, 1);
  // Tensor 1x6x7x20 at 0x105; box from (y 1, x 2, c 3), extent 3x4x10: 12 pixels of 10 channels, each a
  // run of 10 B at stride 20 B; one scratchpad row per pixel from row 5.
  const Nhwc shape{1, 6, 7, 20}, origin{0, 1, 2, 3}, extent{1, 3, 4, 10};
  DmaCommand c;
  c.id = 1;
  set_nhwc_box(c, 0x105, shape, origin, extent);
  c.first_row = 5;
  b.at(0, c);
  sc_core::sc_start();

  ASSERT_EQ(b.done.count(1), 1u);
  std::uint64_t expected_requests = 0;
  for (int y = 0; y < 3; ++y) {
    for (int x = 0; x < 4; ++x) {
      const std::uint64_t a = 0x105 + ((1 + y) * 7 + (2 + x)) * 20 + 3;
      expected_requests += (a + 9) / 16 - a / 16 + 1;  // 16 B blocks the run touches
      const std::uint8_t* row = b.scratchpad.row_data(5 + y * 4 + x);
      for (int ch = 0; ch < 10; ++ch)
        ASSERT_EQ(row[ch], b.memory.memory[a + ch]) << y << "," << x << "," << ch;
      for (int ch = 10; ch < 16; ++ch) ASSERT_EQ(row[ch], 0);  // the rest of the row is untouched
    }
  }
  EXPECT_EQ(b.done.at(1).completion.requests, expected_requests);
  EXPECT_GT(expected_requests, 12u);  // some runs cross a block edge: partial first and last requests
  EXPECT_EQ(b.memory.log.size(), expected_requests);
  expect_aligned_requests(b.memory, 16);
  EXPECT_EQ(b.memory.bytes_read, 120u);
  EXPECT_EQ(b.scratchpad.row_data(4)[0], 0);
  EXPECT_EQ(b.scratchpad.row_data(17)[0], 0);
}

TEST(DmaData, AccumulatorStoresThroughTheReadOutAndLoadsAccumulate) {
  DmaBench b("bench", BenchSpec{});
  std::mt19937_64 rng(2);
  std::uniform_int_distribution<std::int32_t> sums(-40000, 40000);
  for (SramRow r = 0; r < 12; ++r) {
    for (int e = 0; e < 16; ++e) b.accumulator.write(r, e, sums(rng), AccWrite::Overwrite);
  }
  // 1. Rows 0..5 are a 2x3-pixel output tile of 16 channels; store them, scaled by 1/300 with ReLU, into
  //    an int8 NHWC tensor 1x4x5x40 at 0x400, at (y 1, x 1, c 8).
  DmaCommand out;
  out.id = 1;
  out.direction = DmaDirection::Store;
  out.local = DmaLocal::Accumulator;
  out.scale = OutputScale::from_real(1.0 / 300, Activation::Relu);
  set_nhwc_box(out, 0x400, Nhwc{1, 4, 5, 40}, Nhwc{0, 1, 1, 8}, Nhwc{1, 2, 3, 16});
  b.at(0, out);
  // 2. Rows 10..11 stored raw (int32) to 0x1000, 16 entries each, back to back.
  DmaCommand raw;
  raw.id = 2;
  raw.direction = DmaDirection::Store;
  raw.local = DmaLocal::Accumulator;
  raw.raw_int32 = true;
  raw.first_row = 10;
  set_matrix(raw, 0x1000, 2, 16, 64, 4);
  b.at(0, raw);
  // 3. Once stored, load them into rows 20..21, then add them again (issued after the first is done).
  DmaCommand in = raw;
  in.id = 3;
  in.direction = DmaDirection::Load;
  in.first_row = 20;
  b.at(200, in);
  in.id = 4;
  in.acc_write = AccWrite::Accumulate;
  b.at(400, in);
  sc_core::sc_start();

  ASSERT_EQ(b.done.size(), 4u);
  for (int y = 0; y < 2; ++y) {
    for (int x = 0; x < 3; ++x) {
      for (int ch = 0; ch < 16; ++ch) {
        const std::size_t a = 0x400 + ((1 + y) * 5 + (1 + x)) * 40 + 8 + ch;
        const std::int32_t v = b.accumulator.value(y * 3 + x, ch);
        ASSERT_EQ(static_cast<std::int8_t>(b.memory.memory[a]), read_out(v, out.scale)) << a;
      }
    }
  }
  EXPECT_EQ(b.memory.memory[0x400 + (1 * 5 + 1) * 40 + 7], 0);   // channel 7: not in the box
  EXPECT_EQ(b.memory.memory[0x400 + (1 * 5 + 1) * 40 + 24], 0);  // channel 24: not in the box
  for (int r = 0; r < 2; ++r) {
    for (int e = 0; e < 16; ++e) {
      const std::int32_t v = b.accumulator.value(10 + r, e);
      const std::size_t a = 0x1000 + r * 64 + e * 4;
      const std::uint32_t le = b.memory.memory[a] | b.memory.memory[a + 1] << 8 |
                               b.memory.memory[a + 2] << 16 |
                               static_cast<std::uint32_t>(b.memory.memory[a + 3]) << 24;
      ASSERT_EQ(static_cast<std::int32_t>(le), v);
      ASSERT_EQ(b.accumulator.value(20 + r, e), 2 * v);
    }
  }
  EXPECT_EQ(b.done.at(1).completion.bytes, 96u);   // int8 out
  EXPECT_EQ(b.done.at(2).completion.bytes, 128u);  // int32 out
  EXPECT_EQ(b.memory.bytes_written, 96u + 128u);
  EXPECT_EQ(b.memory.bytes_read, 2 * 128u);
}

// Copies random NHWC boxes from a source tensor to a destination tensor through the scratchpad, double
// buffered as a core controller would: box i loads into buffer i % 2 while box i - 1 is stored from the
// other; a load into a buffer waits for the store that last used it.
class PingPong : public sc_core::sc_module {
 public:
  PingPong(const sc_core::sc_module_name& name, DmaBench& bench, std::vector<DmaCommand> loads)
      : sc_core::sc_module(name), bench_(bench), loads_(std::move(loads)) {
    SC_HAS_PROCESS(PingPong);
    SC_THREAD(run_loads);
    SC_THREAD(run_stores);
  }
  std::vector<DmaCommand> stores;  // built as the loads go

 private:
  void run_loads() {
    for (std::size_t i = 0; i < loads_.size(); ++i) {
      if (i >= 2) bench_.wait_done(stores[i - 2].id);  // the buffer is free again
      bench_.issue(loads_[i]);
      DmaCommand s = loads_[i];  // same box, same rows, to the destination
      s.id = 1000 + i;
      s.direction = DmaDirection::Store;
      s.address += kDestination;
      stores.push_back(s);
      issued_.notify(sc_core::SC_ZERO_TIME);
    }
  }
  void run_stores() {
    for (std::size_t i = 0; i < loads_.size(); ++i) {
      while (stores.size() <= i) wait(issued_);
      bench_.wait_done(loads_[i].id);
      bench_.issue(stores[i]);
    }
  }

 public:
  static constexpr std::uint64_t kDestination = 0x8000;

 private:
  DmaBench& bench_;
  std::vector<DmaCommand> loads_;
  sc_core::sc_event issued_;
};

TEST(DmaData, DoubleBufferedRoundTripConservesEveryByte) {
  BenchSpec spec;
  spec.dma.request_bytes = 32;
  spec.dma.max_outstanding = 5;
  spec.memory.latency = 7;
  spec.memory.queue_depth = 3;
  DmaBench b("bench", spec);
  fill_random(b.memory.memory, 3);
  std::fill(b.memory.memory.begin() + PingPong::kDestination, b.memory.memory.end(), 0);
  const auto buffers = split_buffers(b.scratchpad.geometry(), 2);  // banks 0-1 and 2-3: 128 rows each
  const Nhwc shape{2, 9, 11, 37};
  std::mt19937_64 rng(4);
  const auto pick = [&](std::int64_t lo, std::int64_t hi) {
    return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng);
  };
  std::vector<DmaCommand> loads;
  std::uint64_t bytes = 0;
  for (int i = 0; i < 24; ++i) {
    const Nhwc extent{pick(1, 2), pick(1, 6), pick(1, 8), pick(1, 16)};  // at most 96 pixels: fits 128 rows
    const Nhwc origin{pick(0, shape.n - extent.n), pick(0, shape.h - extent.h), pick(0, shape.w - extent.w),
                      pick(0, shape.c - extent.c)};
    DmaCommand c;
    c.id = i;
    set_nhwc_box(c, 0, shape, origin, extent);
    c.first_row = buffers[i % 2].first_row;
    c.dense = i % 3 == 0;  // some boxes packed densely
    loads.push_back(c);
    bytes += c.memory_bytes();
  }
  PingPong driver("driver", b, loads);
  sc_core::sc_start();

  ASSERT_EQ(b.done.size(), 48u) << "a command never completed";
  // Every source byte of every box arrived at the same place in the destination; nothing else was written.
  std::vector<bool> covered(b.memory.memory.size(), false);
  for (const DmaCommand& c : loads) {
    for (std::int64_t n = 0; n < c.dims[3].size; ++n)
      for (std::int64_t y = 0; y < c.dims[2].size; ++y)
        for (std::int64_t x = 0; x < c.dims[1].size; ++x)
          for (std::int64_t ch = 0; ch < c.dims[0].size; ++ch) {
            const std::uint64_t a = c.address + n * c.dims[3].stride_bytes + y * c.dims[2].stride_bytes +
                                    x * c.dims[1].stride_bytes + ch;
            ASSERT_EQ(b.memory.memory[PingPong::kDestination + a], b.memory.memory[a]);
            covered[PingPong::kDestination + a] = true;
          }
  }
  for (std::size_t a = PingPong::kDestination; a < b.memory.memory.size(); ++a) {
    if (!covered[a]) {
      ASSERT_EQ(b.memory.memory[a], 0) << a;
    }
  }
  // Conservation: bytes asked for = bytes delivered = bytes the commands describe, in both directions.
  const DmaStats& s = b.dma.stats();
  EXPECT_EQ(s.load.bytes, bytes);
  EXPECT_EQ(s.load.bytes_completed, bytes);
  EXPECT_EQ(b.memory.bytes_read, bytes);
  EXPECT_EQ(s.store.bytes, bytes);
  EXPECT_EQ(s.store.bytes_completed, bytes);
  EXPECT_EQ(b.memory.bytes_written, bytes);
  EXPECT_EQ(s.load.requests, s.load.responses);
  EXPECT_EQ(s.store.requests, s.store.responses);
  EXPECT_EQ(s.load.commands, 24u);
  EXPECT_EQ(s.store.commands, 24u);
  EXPECT_LE(s.peak_outstanding, 5);
  EXPECT_LE(b.memory.peak_queue, 3);
  EXPECT_GT(s.load.memory_wait_cycles() + s.store.memory_wait_cycles(), 0u);
  expect_aligned_requests(b.memory, 32);
  EXPECT_TRUE(b.dma.idle());
  // Loads and stores overlapped: some store was sent while a load request was still unanswered.
  bool overlapped = false;
  for (const auto& w : b.memory.log) {
    if (!w.write) continue;
    for (const auto& r : b.memory.log)
      overlapped |= !r.write && r.accepted <= w.accepted && r.answered > w.accepted;
  }
  EXPECT_TRUE(overlapped);
}

}  // namespace
}  // namespace systolica::test
