#include "workloads/tile_transfers.h"

#include <algorithm>

namespace systolica {

namespace {
std::uint64_t align_up(std::uint64_t v, std::uint64_t a) { return (v + a - 1) / a * a; }
}  // namespace

LayerAddresses place_layer(const Layer& l, std::uint64_t base, std::uint64_t align) {
  const GemmShape g = l.gemm();
  LayerAddresses a;
  a.input = align_up(base, align);
  a.weights = align_up(a.input + static_cast<std::uint64_t>(l.batch) * l.in_h * l.in_w * l.in_c, align);
  a.output = align_up(a.weights + static_cast<std::uint64_t>(l.groups) * g.k * g.n, align);
  a.end = a.output + static_cast<std::uint64_t>(l.batch) * l.out_h() * l.out_w() * l.out_c;
  return a;
}

void activation_runs(const Layer& l, const LayerAddresses& at, const TileOp& t, const RunVisitor& visit) {
  const int cg = l.in_c / l.groups;
  const std::int64_t per_image = static_cast<std::int64_t>(l.out_h()) * l.out_w();
  for (int i = 0; i < t.m; ++i) {
    const std::int64_t m = t.m0 + i;
    const int b = static_cast<int>(m / per_image);
    const int oy = static_cast<int>((m % per_image) / l.out_w());
    const int ox = static_cast<int>(m % l.out_w());
    for (int j = 0; j < t.k;) {
      const std::int64_t k = t.k0 + j;
      const int c = static_cast<int>(k % cg);
      const int rx = static_cast<int>((k / cg) % l.kernel_w);
      const int ry = static_cast<int>(k / cg / l.kernel_w);
      const int len = std::min(t.k - j, cg - c);  // channels left at this kernel position
      const int y = oy * l.stride_h - l.pad_h + ry;
      const int x = ox * l.stride_w - l.pad_w + rx;
      TransferRun r;
      r.row = i;
      r.col = j;
      r.bytes = static_cast<std::uint32_t>(len);
      r.padding = y < 0 || y >= l.in_h || x < 0 || x >= l.in_w;
      if (!r.padding) {
        r.address = at.input + ((static_cast<std::uint64_t>(b) * l.in_h + y) * l.in_w + x) * l.in_c +
                    static_cast<std::uint64_t>(t.group) * cg + c;
      }
      visit(r);
      j += len;
    }
  }
}

void weight_runs(const Layer& l, const LayerAddresses& at, const TileOp& t, const RunVisitor& visit) {
  const GemmShape g = l.gemm();
  for (int i = 0; i < t.k; ++i) {
    TransferRun r;
    r.row = i;
    r.bytes = static_cast<std::uint32_t>(t.n);
    r.address = at.weights + (static_cast<std::uint64_t>(t.group) * g.k + t.k0 + i) * g.n + t.n0;
    visit(r);
  }
}

void output_runs(const Layer& l, const LayerAddresses& at, const TileOp& t, const RunVisitor& visit) {
  const int n_per_group = l.out_c / l.groups;
  for (int i = 0; i < t.m; ++i) {
    TransferRun r;
    r.row = i;
    r.bytes = static_cast<std::uint32_t>(t.n);
    r.address = at.output + static_cast<std::uint64_t>(t.m0 + i) * l.out_c +
                static_cast<std::uint64_t>(t.group) * n_per_group + t.n0;
    visit(r);
  }
}

}  // namespace systolica
