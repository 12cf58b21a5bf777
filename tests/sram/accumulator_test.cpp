// The accumulator's values: accumulate-on-write with int32 wraparound, and the read-out (fixed-point scale
// with ties to even, ReLU, saturation to int8), checked bit for bit against plain references written
// differently (int64 sums; long double division and nearbyintl).
#include "arch/sram/accumulator.h"

#include <gtest/gtest.h>

#include <cfenv>
#include <cmath>
#include <random>
#include <stdexcept>

namespace systolica {
namespace {

// long double has a 64-bit mantissa on x86: acc * multiplier (< 2^62) and its division by 2^shift are
// exact, and nearbyintl rounds ties to even in the default rounding mode.
std::int8_t reference_read_out(std::int32_t acc, const OutputScale& s) {
  const long double exact =
      static_cast<long double>(static_cast<std::int64_t>(acc) * s.multiplier) / std::ldexp(1.0L, s.shift);
  long double y = std::nearbyintl(exact);
  if (s.activation == Activation::Relu && y < 0) y = 0;
  if (y > 127) y = 127;
  if (y < -128) y = -128;
  return static_cast<std::int8_t>(y);
}

TEST(OutputScale, RoundsTiesToEven) {
  EXPECT_EQ(round_shift_half_even(5, 1), 2);     // 2.5
  EXPECT_EQ(round_shift_half_even(7, 1), 4);     // 3.5
  EXPECT_EQ(round_shift_half_even(-5, 1), -2);   // -2.5
  EXPECT_EQ(round_shift_half_even(-7, 1), -4);   // -3.5
  EXPECT_EQ(round_shift_half_even(6, 2), 2);     // 1.5
  EXPECT_EQ(round_shift_half_even(10, 2), 2);    // 2.5
  EXPECT_EQ(round_shift_half_even(11, 2), 3);    // 2.75
  EXPECT_EQ(round_shift_half_even(-6, 2), -2);   // -1.5
  EXPECT_EQ(round_shift_half_even(-9, 2), -2);   // -2.25
  EXPECT_EQ(round_shift_half_even(-11, 2), -3);  // -2.75
  EXPECT_EQ(round_shift_half_even(-3, 0), -3);
}

TEST(OutputScale, ScalesThenAppliesReluThenSaturates) {
  const OutputScale half{1, 1, Activation::None};  // x / 2
  EXPECT_EQ(read_out(5, half), 2);
  EXPECT_EQ(read_out(-5, half), -2);
  EXPECT_EQ(read_out(1000, half), 127);
  EXPECT_EQ(read_out(-1000, half), -128);
  EXPECT_EQ(read_out(-5, OutputScale{1, 1, Activation::Relu}), 0);
  EXPECT_EQ(read_out(255, OutputScale{1, 1, Activation::Relu}), 127);                 // 127.5 -> 128 -> saturates
  EXPECT_EQ(read_out(INT32_MIN, OutputScale{INT32_MIN, 0, Activation::None}), 127);  // 2^62, no overflow
}

TEST(OutputScale, FromRealKeeps31SignificantBits) {
  const OutputScale h = OutputScale::from_real(0.5);
  EXPECT_EQ(h.multiplier, 1 << 30);
  EXPECT_EQ(h.shift, 31);
  const OutputScale one = OutputScale::from_real(1.0, Activation::Relu);
  EXPECT_EQ(one.as_real(), 1.0);
  EXPECT_EQ(one.activation, Activation::Relu);
  std::mt19937_64 rng(5);
  std::uniform_real_distribution<double> exponent(-40, 30);
  for (int i = 0; i < 1000; ++i) {
    const double s = std::exp2(exponent(rng));
    const OutputScale f = OutputScale::from_real(s);
    EXPECT_GE(f.shift, 0);
    EXPECT_LE(f.shift, 62);
    EXPECT_NEAR(f.as_real() / s, 1.0, s > 1e-9 ? 1e-9 : 1e-2) << s;
  }
  EXPECT_THROW(OutputScale::from_real(0), std::invalid_argument);
  EXPECT_THROW(OutputScale::from_real(-1), std::invalid_argument);
  EXPECT_THROW(OutputScale::from_real(std::ldexp(1.0, 31)), std::invalid_argument);
  EXPECT_THROW(OutputScale::from_real(NAN), std::invalid_argument);
}

TEST(OutputScale, MatchesAPlainReferenceOnRandomValues) {
  ASSERT_EQ(std::fegetround(), FE_TONEAREST);
  std::mt19937_64 rng(11);
  std::uniform_int_distribution<std::int32_t> any;
  std::uniform_int_distribution<int> shift(0, 62), small(-3000, 3000);
  for (int i = 0; i < 200000; ++i) {
    const OutputScale s{any(rng), shift(rng), (i & 1) != 0 ? Activation::Relu : Activation::None};
    const std::int32_t acc = (i % 3 == 0) ? small(rng) : any(rng);
    ASSERT_EQ(read_out(acc, s), reference_read_out(acc, s))
        << acc << " * " << s.multiplier << " >> " << s.shift;
  }
  // Scales a real mapper uses: from_real of modest values, where rounding decides most outputs.
  for (int i = 0; i < 100000; ++i) {
    const OutputScale s = OutputScale::from_real(std::ldexp(1.0 + (i % 1000) / 1000.0, -(i % 12)), i % 2 ? Activation::Relu : Activation::None);
    const std::int32_t acc = small(rng);
    ASSERT_EQ(read_out(acc, s), reference_read_out(acc, s));
  }
}

TEST(Accumulator, AccumulatesWithInt32WraparoundLikeAPlainReference) {
  Accumulator acc("acc", SramSpec{2 * 8 * 16, 2, 16, 1, 1}, true);  // 16 rows of 4 entries
  ASSERT_EQ(acc.entries_per_row(), 4);
  std::vector<std::int64_t> ref(16 * 4, 0);  // exact sums; wrapped once when compared
  std::mt19937_64 rng(3);
  std::uniform_int_distribution<std::int32_t> any;
  std::uniform_int_distribution<int> row(0, 15), entry(0, 3), mode(0, 3);
  for (int i = 0; i < 20000; ++i) {
    const int r = row(rng), e = entry(rng);
    const std::int32_t v = any(rng);
    const AccWrite m = mode(rng) == 0 ? AccWrite::Overwrite : AccWrite::Accumulate;
    acc.write(r, e, v, m);
    std::int64_t& x = ref[r * 4 + e];
    x = (m == AccWrite::Overwrite ? 0 : x) + v;
    x = static_cast<std::int64_t>(static_cast<std::int32_t>(static_cast<std::uint32_t>(x)));  // wrap
  }
  const OutputScale scale = OutputScale::from_real(1.0 / 65536, Activation::Relu);
  for (int r = 0; r < 16; ++r) {
    std::int8_t out[4];
    acc.read_out_row(r, out, 4, scale);
    for (int e = 0; e < 4; ++e) {
      const auto expect = static_cast<std::int32_t>(ref[r * 4 + e]);
      ASSERT_EQ(acc.value(r, e), expect);
      ASSERT_EQ(out[e], reference_read_out(expect, scale));
    }
  }
}

TEST(Accumulator, WriteRowOverwritesThenAdds) {
  Accumulator acc("acc", SramSpec{2 * 8 * 16, 2, 16, 1, 1}, true);
  const std::int32_t a[4] = {1, -2, INT32_MAX, 4};
  const std::int32_t b[3] = {10, 20, 1};
  acc.write_row(5, a, 4, AccWrite::Overwrite);
  acc.write_row(5, b, 3, AccWrite::Accumulate, 1);  // entries 1..3
  EXPECT_EQ(acc.value(5, 0), 1);
  EXPECT_EQ(acc.value(5, 1), 8);
  EXPECT_EQ(acc.value(5, 2), INT32_MIN + 19);  // INT32_MAX + 20 wraps
  EXPECT_EQ(acc.value(5, 3), 5);
}

TEST(Accumulator, RowsMustHoldWholeInt32Entries) {
  EXPECT_THROW(Accumulator("acc", SramSpec{2 * 8 * 18, 2, 18, 1, 1}, false), std::invalid_argument);
}

}  // namespace
}  // namespace systolica
