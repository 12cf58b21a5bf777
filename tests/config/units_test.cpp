// Unit parsing and printing: what each quantity accepts, what it refuses, and that printing round-trips.
#include "sim/config/units.h"

#include <gtest/gtest.h>

#include "tests/config/config_test_util.h"

namespace systolica::config {
namespace {

using test::Contains;

std::string size_error(const std::string& text) {
  try {
    parse_size(text);
  } catch (const UnitError& e) {
    return e.what();
  }
  ADD_FAILURE() << "parse_size accepted '" << text << "'";
  return "";
}

TEST(ConfigUnits, SizesWithAndWithoutSpaces) {
  EXPECT_EQ(parse_size("4096"), 4096u);
  EXPECT_EQ(parse_size("16 B"), 16u);
  EXPECT_EQ(parse_size("16B"), 16u);
  EXPECT_EQ(parse_size("256 KiB"), 256ull * 1024);
  EXPECT_EQ(parse_size("64KiB"), 64ull * 1024);
  EXPECT_EQ(parse_size("  2 MiB  "), 2u << 20);
  EXPECT_EQ(parse_size("3 GiB"), 3ull << 30);
  EXPECT_EQ(parse_size("1.5 KiB"), 1536u);  // exact decimal arithmetic, not floating point
  EXPECT_EQ(parse_size("0.25 MiB"), 256ull * 1024);
  EXPECT_EQ(parse_size("0"), 0u);
  EXPECT_EQ(parse_size("15 GiB"), 15ull << 30);
}

TEST(ConfigUnits, AmbiguousDecimalUnitsAreRefused) {
  for (const char* text : {"64 KB", "64KB", "1 MB", "1 GB", "64 kB", "64 kb", "2 M"}) {
    const std::string e = size_error(text);
    EXPECT_TRUE(Contains(e, "ambiguous")) << text;
    EXPECT_TRUE(Contains(e, "KiB, MiB or GiB")) << text;
  }
}

TEST(ConfigUnits, BadSizesAreRefused) {
  EXPECT_TRUE(Contains(size_error("-1 KiB"), "negative"));
  EXPECT_TRUE(Contains(size_error("1.3 B"), "whole number of bytes"));
  EXPECT_TRUE(Contains(size_error("99999999999999999999"), "too large"));
  EXPECT_TRUE(Contains(size_error("17179869184 GiB"), "too large"));  // 2^34 GiB = 2^64 B wraps to 0
  EXPECT_TRUE(Contains(size_error("12 XB"), "unknown unit 'XB'"));
  EXPECT_TRUE(Contains(size_error("64 kib"), "KiB"));
  EXPECT_TRUE(Contains(size_error("KiB"), "not a size"));
  EXPECT_TRUE(Contains(size_error("0x100"), "unknown unit"));
  EXPECT_TRUE(Contains(size_error("1e3"), "unknown unit"));
  EXPECT_TRUE(Contains(size_error(""), "not a size"));
}

TEST(ConfigUnits, Frequencies) {
  EXPECT_EQ(parse_frequency("1 GHz"), 1e9);
  EXPECT_EQ(parse_frequency("1.5GHz"), 1.5e9);
  EXPECT_EQ(parse_frequency("800 MHz"), 800e6);
  EXPECT_EQ(parse_frequency("100 kHz"), 100e3);
  EXPECT_EQ(parse_frequency("50 Hz"), 50.0);
  EXPECT_EQ(parse_frequency("1000000"), 1e6);  // a plain number is Hz
  EXPECT_EQ(parse_frequency("2e9"), 2e9);
  EXPECT_THROW(parse_frequency("-1 GHz"), UnitError);
  EXPECT_THROW(parse_frequency("fast"), UnitError);
  EXPECT_THROW(parse_frequency("1 THz"), UnitError);
  try {
    parse_frequency("1 ghz");
    ADD_FAILURE();
  } catch (const UnitError& e) {
    EXPECT_TRUE(Contains(std::string(e.what()), "did you mean GHz?"));
  }
}

TEST(ConfigUnits, Times) {
  EXPECT_EQ(parse_time_ns("50 ns"), 50.0);
  EXPECT_EQ(parse_time_ns("50ns"), 50.0);
  EXPECT_EQ(parse_time_ns("500 ps"), 0.5);
  EXPECT_EQ(parse_time_ns("1.5 us"), 1500.0);
  EXPECT_EQ(parse_time_ns("2 ms"), 2e6);
  EXPECT_EQ(parse_time_ns("1 s"), 1e9);
  EXPECT_THROW(parse_time_ns("50"), UnitError);  // a bare number could be ns or cycles
  EXPECT_THROW(parse_time_ns("-5 ns"), UnitError);
  EXPECT_THROW(parse_time_ns("5 min"), UnitError);
}

TEST(ConfigUnits, CyclesCountsAndFractions) {
  EXPECT_EQ(parse_cycles("10"), 10u);
  EXPECT_EQ(parse_cycles("10 cycles"), 10u);
  EXPECT_EQ(parse_cycles("1 cycle"), 1u);
  EXPECT_THROW(parse_cycles("10 ns"), UnitError);
  EXPECT_THROW(parse_cycles("1.5 cycles"), UnitError);
  EXPECT_THROW(parse_cycles("-3"), UnitError);
  EXPECT_EQ(parse_count("1024"), 1024u);
  EXPECT_EQ(parse_count("18446744073709551615"), 18446744073709551615ull);
  EXPECT_THROW(parse_count("18446744073709551616"), UnitError);  // 2^64: refused, never wrapped
  EXPECT_THROW(parse_count("-1"), UnitError);
  EXPECT_THROW(parse_count("16.0"), UnitError);
  EXPECT_THROW(parse_count("sixteen"), UnitError);
  EXPECT_THROW(parse_count("16 rows"), UnitError);
  EXPECT_EQ(parse_fraction("0.75"), 0.75);
  EXPECT_EQ(parse_fraction("75%"), 0.75);
  EXPECT_EQ(parse_fraction("1"), 1.0);
  EXPECT_THROW(parse_fraction("-0.5"), UnitError);
  EXPECT_THROW(parse_fraction("half"), UnitError);
}

TEST(ConfigUnits, FormattingPicksTheLargestExactUnit) {
  EXPECT_EQ(format_size(256ull * 1024), "256 KiB");
  EXPECT_EQ(format_size(1536), "1536 B");  // 1.5 KiB is not printed: whole units only
  EXPECT_EQ(format_size(48), "48 B");
  EXPECT_EQ(format_size(0), "0 B");
  EXPECT_EQ(format_size(2ull << 30), "2 GiB");
  EXPECT_EQ(format_frequency(1e9), "1 GHz");
  EXPECT_EQ(format_frequency(1.5e9), "1.5 GHz");
  EXPECT_EQ(format_frequency(800e6), "800 MHz");
  EXPECT_EQ(format_time_ns(50), "50 ns");
  EXPECT_EQ(format_time_ns(1500), "1.5 us");
  EXPECT_EQ(format_time_ns(0.5), "500 ps");
  EXPECT_EQ(format_time_ns(0), "0 ns");
  EXPECT_EQ(format_cycles(1), "1 cycle");
  EXPECT_EQ(format_cycles(10), "10 cycles");
}

TEST(ConfigUnits, FormattingRoundTripsExactly) {
  for (double hz : {1e9, 1.5e9, 1234567891.0, 333333333.3333333, 1e6, 2.0 / 3.0 * 1e9, 9.99e9}) {
    EXPECT_EQ(parse_frequency(format_frequency(hz)), hz) << format_frequency(hz);
  }
  for (double ns : {50.0, 0.1, 0.001, 1e-5, 1.0 / 3.0, 123456.789, 1e6}) {
    EXPECT_EQ(parse_time_ns(format_time_ns(ns)), ns) << format_time_ns(ns);
  }
  for (double f : {0.0, 0.1, 0.25, 1.0 / 3.0, 1e-7, 1.0}) {
    EXPECT_EQ(parse_fraction(format_real(f)), f) << format_real(f);
  }
  for (std::uint64_t b : {0ull, 1ull, 1000ull, 1024ull, 1536ull, 4ull << 30, (1ull << 40) + 1}) {
    EXPECT_EQ(parse_size(format_size(b)), b) << format_size(b);
  }
}

}  // namespace
}  // namespace systolica::config
