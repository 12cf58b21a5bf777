#include "workloads/layer_tensors.h"

#include <cstring>
#include <random>

namespace systolica {

namespace {
std::int32_t wrap_add(std::int32_t x, std::int64_t y) {
  const std::uint32_t r = static_cast<std::uint32_t>(x) + static_cast<std::uint32_t>(y);
  std::int32_t v;
  std::memcpy(&v, &r, sizeof v);
  return v;
}

}  // namespace

LayerTensors make_random_tensors(const Layer& layer, std::uint64_t seed) {
  LayerTensors t;
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<int> dist(-128, 127);
  t.input.resize(static_cast<std::size_t>(layer.batch) * layer.in_h * layer.in_w * layer.in_c);
  t.weights.resize(static_cast<std::size_t>(layer.out_c) * layer.kernel_h * layer.kernel_w *
                   (layer.in_c / layer.groups));
  for (auto& v : t.input) v = static_cast<std::int8_t>(dist(rng));
  for (auto& v : t.weights) v = static_cast<std::int8_t>(dist(rng));
  t.output.assign(static_cast<std::size_t>(layer.batch) * layer.out_h() * layer.out_w() * layer.out_c, 0);
  return t;
}

std::vector<std::int32_t> direct_convolution(const Layer& l, const LayerTensors& t) {
  std::vector<std::int32_t> out(static_cast<std::size_t>(l.batch) * l.out_h() * l.out_w() * l.out_c, 0);
  const int cg = l.in_c / l.groups;
  const int kg = l.out_c / l.groups;
  std::size_t o = 0;
  for (int b = 0; b < l.batch; ++b)
    for (int oy = 0; oy < l.out_h(); ++oy)
      for (int ox = 0; ox < l.out_w(); ++ox)
        for (int f = 0; f < l.out_c; ++f, ++o) {
          const int g = f / kg;
          std::int32_t acc = 0;
          for (int ry = 0; ry < l.kernel_h; ++ry)
            for (int rx = 0; rx < l.kernel_w; ++rx) {
              const int y = oy * l.stride_h - l.pad_h + ry, x = ox * l.stride_w - l.pad_w + rx;
              if (y < 0 || y >= l.in_h || x < 0 || x >= l.in_w) continue;
              for (int c = 0; c < cg; ++c) {
                const int in = t.input[((static_cast<std::size_t>(b) * l.in_h + y) * l.in_w + x) * l.in_c + g * cg + c];
                const int w = t.weights[((static_cast<std::size_t>(f) * l.kernel_h + ry) * l.kernel_w + rx) * cg + c];
                acc = wrap_add(acc, in * w);
              }
            }
          out[o] = acc;
        }
  return out;
}

}  // namespace systolica
