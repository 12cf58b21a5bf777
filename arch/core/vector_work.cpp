#include "arch/core/vector_work.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <stdexcept>

namespace systolica {

namespace {

// One output element of a pooling window at output (oy, ox), channel ch.
std::int64_t pool(const Layer& l, int oy, int ox, const std::function<std::int64_t(int, int)>& in) {
  std::int64_t best = 0, sum = 0, count = 0;
  for (int ky = 0; ky < l.kernel_h; ++ky) {
    for (int kx = 0; kx < l.kernel_w; ++kx) {
      const int y = oy * l.stride_h - l.pad_h + ky * l.dilation_h;
      const int x = ox * l.stride_w - l.pad_w + kx * l.dilation_w;
      if (y < 0 || y >= l.in_h || x < 0 || x >= l.in_w) continue;
      const std::int64_t e = in(y, x);
      best = count == 0 ? e : std::max(best, e);
      sum += e;
      ++count;
    }
  }
  if (count == 0) return 0;
  return l.kind == LayerKind::MaxPool ? best : divide_half_even(sum, count);
}

}  // namespace

void compute_vector_block(const Layer& l, const BlockLayout& layout, const OutputScale& scale,
                          Sram& scratchpad) {
  const Block& b = layout.block();
  auto at = [&](int y, int x, int ch, int which) -> std::int64_t {
    const auto [row, byte] = layout.patch_at(y, x, ch, which);
    return static_cast<std::int8_t>(scratchpad.row_data(row)[byte]);
  };
  for (int i = 0; i < b.pixels(); ++i) {
    const int oy = b.oy0 + i / b.ow, ox = b.ox0 + i % b.ow;
    for (int ch = 0; ch < b.ct; ++ch) {
      std::int64_t v = 0;
      switch (l.kind) {
        case LayerKind::Add:
          v = read_out(static_cast<std::int32_t>(at(oy, ox, ch, 0) + at(oy, ox, ch, 1)), scale);
          break;
        case LayerKind::GlobalAvgPool: {
          std::int64_t sum = 0;
          for (int y = 0; y < l.in_h; ++y)
            for (int x = 0; x < l.in_w; ++x) sum += at(y, x, ch, 0);
          v = divide_half_even(sum, static_cast<std::int64_t>(l.in_h) * l.in_w);
          break;
        }
        case LayerKind::MaxPool:
        case LayerKind::AvgPool:
          v = pool(l, oy, ox, [&](int y, int x) { return at(y, x, ch, 0); });
          break;
        default:
          throw std::invalid_argument(fmt::format(
              "layer '{}' ({}) has no functional model on the vector unit", l.name, to_string(l.kind)));
      }
      const auto [row, byte] = layout.output_at(i, ch);
      scratchpad.row_data(row)[byte] = static_cast<std::uint8_t>(static_cast<std::int8_t>(v));
    }
  }
}

}  // namespace systolica
