#pragma once
// The accumulator's read-out: int32 partial sum -> int8 output, per layer. Fixed point, so that hardware,
// simulator and any reference agree bit for bit without floating-point subtleties:
//   y = round_half_to_even(acc * multiplier / 2^shift)   (exact, in 64-bit integers)
//   y = max(y, 0)                                          if relu
//   out = clamp(y, -128, 127)                              (saturating int8 conversion)
// A real scale s becomes multiplier / 2^shift through from_real(), which keeps 31 significant bits.
#include <cstdint>

namespace systolica {

struct OutputScale {
  std::int32_t multiplier = 1;  // any int32; |acc * multiplier| < 2^62 always fits in int64
  int shift = 0;                // 0 .. 62
  bool relu = false;

  // The nearest fixed-point scale to `scale`: multiplier in [2^30, 2^31) where the shift range allows.
  // Throws std::invalid_argument unless 0 < scale < 2^31 and finite.
  static OutputScale from_real(double scale, bool relu = false);
  double as_real() const;  // multiplier / 2^shift
};

// Rounds v / 2^shift to the nearest integer, ties to even. shift in 0 .. 62.
std::int64_t round_shift_half_even(std::int64_t v, int shift);

std::int8_t read_out(std::int32_t acc, const OutputScale& scale);

}  // namespace systolica
