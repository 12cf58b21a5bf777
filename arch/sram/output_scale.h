#pragma once
// The accumulator's read-out: int32 partial sum -> int8 output, per layer. Fixed point, so that hardware,
// simulator and any reference agree bit for bit without floating-point subtleties:
//   y = round_half_to_even(acc * multiplier / 2^shift)   (exact, in 64-bit integers)
//   y = activation(y)                                      (below; on the integer y, before saturation)
//   out = clamp(y, -128, 127)                              (saturating int8 conversion)
// Activations, with `six` the int8 code of the real value 6.0 and three = six / 2:
//   relu     max(y, 0)
//   relu6    clamp(y, 0, six)
//   hswish   y x clamp(y + three, 0, six) / six, the quotient rounded half to even; exactly y for
//            y >= three and 0 for y <= -three, so it never overflows.
// A real scale s becomes multiplier / 2^shift through from_real(), which keeps 31 significant bits.
#include <cstdint>

#include "workloads/activation.h"

namespace systolica {

struct OutputScale {
  std::int32_t multiplier = 1;  // any int32; |acc * multiplier| < 2^62 always fits in int64
  int shift = 0;                // 0 .. 62
  Activation activation = Activation::None;
  int six = 96;  // relu6 and hswish: the code of 6.0, 2 .. 127

  // The nearest fixed-point scale to `scale`: multiplier in [2^30, 2^31) where the shift range allows.
  // Throws std::invalid_argument unless 0 < scale < 2^31 and finite.
  static OutputScale from_real(double scale, Activation activation = Activation::None);
  double as_real() const;  // multiplier / 2^shift
};

// Rounds v / 2^shift to the nearest integer, ties to even. shift in 0 .. 62.
std::int64_t round_shift_half_even(std::int64_t v, int shift);

// a / b rounded to the nearest integer, ties to even; b > 0.
std::int64_t divide_half_even(std::int64_t a, std::int64_t b);

// The activation on a rounded value (before saturation to int8).
std::int64_t activate(std::int64_t y, Activation activation, int six);

std::int8_t read_out(std::int32_t acc, const OutputScale& scale);

}  // namespace systolica
