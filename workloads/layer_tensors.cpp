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

// Index of output pixel m -> (b, oy, ox), reduction index k -> (ry, rx, c) within a group.
struct Pixel {
  int b, oy, ox;
};
Pixel pixel_of(const Layer& l, std::int64_t m) {
  const std::int64_t per_image = static_cast<std::int64_t>(l.out_h()) * l.out_w();
  return {static_cast<int>(m / per_image), static_cast<int>((m % per_image) / l.out_w()),
          static_cast<int>(m % l.out_w())};
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

std::vector<std::int8_t> weights_as_gemm_matrices(const Layer& l, const LayerTensors& t) {
  const GemmShape g = l.gemm();
  std::vector<std::int8_t> b(static_cast<std::size_t>(l.groups * g.k * g.n));
  for (int grp = 0; grp < l.groups; ++grp)
    for (std::int64_t k = 0; k < g.k; ++k)
      for (std::int64_t n = 0; n < g.n; ++n)
        b[static_cast<std::size_t>((grp * g.k + k) * g.n + n)] = t.weights[static_cast<std::size_t>((grp * g.n + n) * g.k + k)];
  return b;
}

void gather_activations(const Layer& l, const LayerTensors& t, const TileOp& tile, std::int8_t* a) {
  const int cg = l.in_c / l.groups;
  for (int i = 0; i < tile.m; ++i) {
    const Pixel p = pixel_of(l, tile.m0 + i);
    for (int j = 0; j < tile.k; ++j) {
      const std::int64_t k = tile.k0 + j;
      const int c = static_cast<int>(k % cg);
      const int rx = static_cast<int>((k / cg) % l.kernel_w);
      const int ry = static_cast<int>(k / cg / l.kernel_w);
      const int y = p.oy * l.stride_h - l.pad_h + ry;
      const int x = p.ox * l.stride_w - l.pad_w + rx;
      const bool inside = y >= 0 && y < l.in_h && x >= 0 && x < l.in_w;
      a[i * tile.k + j] =
          inside ? t.input[((static_cast<std::size_t>(p.b) * l.in_h + y) * l.in_w + x) * l.in_c +
                           tile.group * cg + c]
                 : std::int8_t{0};
    }
  }
}

void gather_weights(const Layer& l, const LayerTensors& t, const TileOp& tile, std::int8_t* b) {
  const std::int64_t k_per_filter = static_cast<std::int64_t>(l.kernel_h) * l.kernel_w * (l.in_c / l.groups);
  const int n_per_group = l.out_c / l.groups;
  for (int i = 0; i < tile.k; ++i) {
    for (int j = 0; j < tile.n; ++j) {
      const std::int64_t filter = tile.group * n_per_group + tile.n0 + j;
      b[i * tile.n + j] = t.weights[static_cast<std::size_t>(filter * k_per_filter + tile.k0 + i)];
    }
  }
}

void accumulate_output(const Layer& l, const TileOp& tile, const std::int32_t* out, LayerTensors& t) {
  const int n_per_group = l.out_c / l.groups;
  for (int i = 0; i < tile.m; ++i) {
    const std::size_t row = static_cast<std::size_t>(tile.m0 + i) * l.out_c;
    for (int j = 0; j < tile.n; ++j) {
      std::int32_t& dst = t.output[row + tile.group * n_per_group + tile.n0 + j];
      dst = wrap_add(dst, out[i * tile.n + j]);
    }
  }
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
