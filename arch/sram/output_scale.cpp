#include "arch/sram/output_scale.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace systolica {

OutputScale OutputScale::from_real(double scale, Activation activation) {
  if (!std::isfinite(scale) || scale <= 0 || scale >= 2147483648.0) {
    throw std::invalid_argument("output scale must be finite, positive and below 2^31");
  }
  // frexp: scale = f * 2^e with f in [0.5, 1); multiplier = f * 2^31 in [2^30, 2^31), shift = 31 - e.
  int e = 0;
  const double f = std::frexp(scale, &e);
  int shift = 31 - e;
  double m = std::nearbyint(std::ldexp(f, 31));  // ties to even (default rounding mode)
  if (shift > 62) {  // very small scales: keep the largest shift and fewer significant bits
    m = std::nearbyint(std::ldexp(scale, 62));
    shift = 62;
  }
  if (m >= 2147483648.0) {  // f rounded up to 1.0
    m /= 2;
    --shift;
  }
  if (shift < 0) throw std::invalid_argument("output scale rounds to 2^31 or more");
  OutputScale out;
  out.multiplier = static_cast<std::int32_t>(m);
  out.shift = shift;
  out.activation = activation;
  return out;
}

double OutputScale::as_real() const {
  return std::ldexp(static_cast<double>(multiplier), -shift);
}

std::int64_t round_shift_half_even(std::int64_t v, int shift) {
  if (shift == 0) return v;
  const std::int64_t q = v >> shift;  // floor: arithmetic shift (guaranteed since C++20, GCC always)
  const std::int64_t r = v - q * (std::int64_t{1} << shift);  // 0 <= r < 2^shift
  const std::int64_t half = std::int64_t{1} << (shift - 1);
  return (r > half || (r == half && (q & 1) != 0)) ? q + 1 : q;
}

std::int64_t divide_half_even(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  std::int64_t r = a % b;
  if (r < 0) {  // floor division
    r += b;
    --q;
  }
  return (2 * r > b || (2 * r == b && (q & 1) != 0)) ? q + 1 : q;
}

std::int64_t activate(std::int64_t y, Activation activation, int six) {
  switch (activation) {
    case Activation::None: return y;
    case Activation::Relu: return std::max<std::int64_t>(y, 0);
    case Activation::Relu6: return std::clamp<std::int64_t>(y, 0, six);
    case Activation::HardSwish: {
      const std::int64_t three = six / 2;
      if (y >= three) return y;
      if (y <= -three) return 0;
      return divide_half_even(y * (y + three), six);
    }
  }
  return y;
}

std::int8_t read_out(std::int32_t acc, const OutputScale& s) {
  std::int64_t y = round_shift_half_even(static_cast<std::int64_t>(acc) * s.multiplier, s.shift);
  y = activate(y, s.activation, s.six);
  return static_cast<std::int8_t>(std::clamp<std::int64_t>(y, -128, 127));
}

}  // namespace systolica
