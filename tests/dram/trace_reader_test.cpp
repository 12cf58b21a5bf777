// Trace files: what is accepted, and that everything else is one line naming file:line.
#include <gtest/gtest.h>

#include "sim/dram/trace_generator.h"
#include "sim/dram/trace_reader.h"

namespace systolica::dram {
namespace {

TEST(DramTrace, ReadsLinesCommentsAndTimes) {
  const auto t = parse_trace(
      "# header\n\nR 0x40\nw 0X1000 12.5  # a write\n  r 4096 100\nW 0xabcdef 0\n", "t.trace", 1ull << 30);
  ASSERT_EQ(t.size(), 4u);
  EXPECT_FALSE(t[0].is_write);
  EXPECT_EQ(t[0].address, 0x40u);
  EXPECT_EQ(t[0].time_ps, -1);
  EXPECT_TRUE(t[1].is_write);
  EXPECT_EQ(t[1].address, 0x1000u);
  EXPECT_EQ(t[1].time_ps, 12500);
  EXPECT_EQ(t[2].address, 4096u);
  EXPECT_EQ(t[2].time_ps, 100000);
  EXPECT_EQ(t[3].time_ps, 0);
  EXPECT_EQ(earliest_offer(t[1], 833), 16);  // the clock edge at or after 12.5 ns
}

std::string error_of(const std::string& text, std::uint64_t capacity = 1ull << 30) {
  try {
    parse_trace(text, "bad.trace", capacity, "1 GiB test memory");
  } catch (const TraceError& e) {
    const std::string m = e.what();
    EXPECT_EQ(m.find('\n'), std::string::npos) << m;
    return m;
  }
  ADD_FAILURE() << "accepted: " << text;
  return "";
}

TEST(DramTrace, BadLinesNameFileAndLine) {
  EXPECT_EQ(error_of("R 0x0\nX 0x40\n").rfind("bad.trace:2: 'X' is not R or W", 0), 0u);
  EXPECT_NE(error_of("R\n").find("bad.trace:1: 'R' has no address"), std::string::npos);
  EXPECT_NE(error_of("R 0xZZ\n").find("bad.trace:1: '0xZZ' is not an address"), std::string::npos);
  EXPECT_NE(error_of("R -5\n").find("is not an address"), std::string::npos);
  EXPECT_NE(error_of("\n\nR 0x0 soon\n").find("bad.trace:3: 'soon' is not a time"), std::string::npos);
  EXPECT_NE(error_of("R 0x0 -1\n").find("is not a time"), std::string::npos);
  EXPECT_NE(error_of("R 0x0 1 2\n").find("has 4 fields"), std::string::npos);
  EXPECT_NE(error_of("R 0x40000000\n").find("bad.trace:1: address 0x40000000 is beyond the DRAM capacity"),
            std::string::npos);
  EXPECT_NE(error_of("R 0x40000000\n").find("1 GiB test memory"), std::string::npos);
  EXPECT_NE(error_of("R 0xffffffffffffffffff\n").find("is not an address"), std::string::npos);
  EXPECT_NE(error_of("# nothing\n\n").find("bad.trace: the trace has no requests"), std::string::npos);
  EXPECT_NE(error_of(std::string("R 0x0\nR \x01\xff\n")).find("bad.trace:2"), std::string::npos);
}

TEST(DramTrace, UnreadableFilesSaySo) {
  EXPECT_THROW(read_trace("/nonexistent/x.trace", 0), TraceError);
  EXPECT_THROW(read_trace("/tmp", 0), TraceError);
}

// A cheap fuzz: random bytes either parse or throw TraceError, nothing else.
TEST(DramTrace, RandomBytesOnlyEverThrowTraceError) {
  std::uint64_t s = 7;
  const std::string alphabet = "RrWw0123456789abcdefxX .#\n\t-";
  for (int trial = 0; trial < 2000; ++trial) {
    std::string text;
    for (int i = 0; i < 40; ++i) {
      s = s * 6364136223846793005ull + 1442695040888963407ull;
      text += alphabet[(s >> 33) % alphabet.size()];
    }
    try {
      parse_trace(text, "fuzz", 1ull << 33);
    } catch (const TraceError&) {
    }
  }
}

TEST(DramTraceGenerator, DramMdTracesHaveTheirSizesAndRates) {
  EXPECT_EQ(generate_trace({"seq_rd"}).size(), 262144u);
  EXPECT_EQ(generate_trace({"mixed_skewed"}).size(), 196608u);
  const auto idle = generate_trace({"idle_conflict"});
  ASSERT_EQ(idle.size(), 2000u);
  EXPECT_EQ(idle[1].time_ps - idle[0].time_ps, 500000);   // one request per 500 ns
  EXPECT_EQ(idle[1].address - idle[0].address, 128u * 1024);  // the next row of the same bank
  const auto seq = generate_trace({"seq_rd", 8, 100});
  EXPECT_EQ(seq[99].time_ps, 99 * 8000);
  EXPECT_EQ(seq[99].address, 99u * 64);
  const auto mixed = generate_trace({"mixed_skewed", 0, 6});
  EXPECT_EQ(mixed[1].address, 256ull * 1024 * 1024 + 5 * 8192);
  EXPECT_TRUE(mixed[2].is_write);
  EXPECT_EQ(mixed[5].address, 512ull * 1024 * 1024 + 10 * 8192 + 64);
  const auto rnd = generate_trace({"rand_rd", 0, 1000});
  for (const auto& r : rnd) {
    EXPECT_LT(r.address, 1ull << 30);
    EXPECT_EQ(r.address % 64, 0u);
  }
  EXPECT_THROW(generate_trace({"nope"}), std::invalid_argument);
}

TEST(DramTraceGenerator, WrittenTracesReadBack) {
  const auto t = generate_trace({"mixed_skewed", 12.5, 30});
  std::ostringstream os;
  write_trace(os, t);
  const auto back = parse_trace(os.str(), "rt", 1ull << 33);
  ASSERT_EQ(back.size(), t.size());
  for (std::size_t i = 0; i < t.size(); ++i) {
    EXPECT_EQ(back[i].address, t[i].address);
    EXPECT_EQ(back[i].is_write, t[i].is_write);
    EXPECT_EQ(back[i].time_ps, t[i].time_ps);
  }
}

}  // namespace
}  // namespace systolica::dram
