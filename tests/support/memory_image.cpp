#include "tests/support/memory_image.h"

#include <algorithm>

namespace systolica::test {

std::vector<std::int8_t> memory_image(const Layer& l, const LayerAddresses& at, const LayerTensors& t) {
  std::vector<std::int8_t> mem(at.end, 0);
  std::copy(t.input.begin(), t.input.end(), mem.begin() + static_cast<std::ptrdiff_t>(at.input));
  const std::vector<std::int8_t> b = weights_as_gemm_matrices(l, t);
  std::copy(b.begin(), b.end(), mem.begin() + static_cast<std::ptrdiff_t>(at.weights));
  return mem;
}

}  // namespace systolica::test
