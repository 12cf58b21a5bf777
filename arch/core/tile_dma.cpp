#include "arch/core/tile_dma.h"

#include <algorithm>

namespace systolica {

namespace {
int ceil_div(int a, int b) { return (a + b - 1) / b; }
}  // namespace

TileLayout::TileLayout(const Layer& layer, const TileOp& tile, SramRow first_row, int row_bytes)
    : tile_(tile), first_(first_row), row_bytes_(row_bytes) {
  // Split the tile's reduction range at kernel positions: each piece is contiguous channels in NHWC.
  const int cg = layer.in_c / layer.groups;
  for (int j = 0; j < tile.k;) {
    const int c = static_cast<int>((tile.k0 + j) % cg);
    const int len = std::min(tile.k - j, cg - c);
    seg_col0_.push_back(j);
    seg_len_.push_back(len);
    rows_per_a_line_ = std::max(rows_per_a_line_, ceil_div(len, row_bytes));
    j += len;
  }
  rows_per_b_line_ = ceil_div(tile.n, row_bytes);
  a_rows_ = static_cast<SramRow>(segments()) * tile.m * rows_per_a_line_;
  b_rows_ = static_cast<SramRow>(tile.k) * rows_per_b_line_;
}

SramRow TileLayout::line_first_row(int segment, int pixel) const {
  return first_ + (static_cast<SramRow>(segment) * tile_.m + pixel) * rows_per_a_line_;
}

std::pair<SramRow, int> TileLayout::a_at(int i, int j) const {
  const auto it = std::upper_bound(seg_col0_.begin(), seg_col0_.end(), j);
  const int s = static_cast<int>(it - seg_col0_.begin()) - 1;
  const int offset = j - seg_col0_[static_cast<std::size_t>(s)];
  return {line_first_row(s, i) + offset / row_bytes_, offset % row_bytes_};
}

std::pair<SramRow, int> TileLayout::b_at(int i, int j) const {
  return {b_first() + static_cast<SramRow>(i) * rows_per_b_line_ + j / row_bytes_, j % row_bytes_};
}

TileLoadPlan plan_tile_loads(const Layer& l, const LayerAddresses& at, const TileOp& t, const TileLayout& layout) {
  TileLoadPlan plan;
  const int cg = l.in_c / l.groups;
  const std::int64_t per_image = static_cast<std::int64_t>(l.out_h()) * l.out_w();
  // A: for each position segment, walk the tile's pixels in runs along one output row, and cut each run
  // where the kernel position falls into the padding.
  for (int s = 0; s < layout.segments(); ++s) {
    const std::int64_t k = t.k0 + layout.segment_col0(s);
    const int c = static_cast<int>(k % cg);
    const int rx = static_cast<int>((k / cg) % l.kernel_w);
    const int ry = static_cast<int>(k / cg / l.kernel_w);
    for (int i = 0; i < t.m;) {
      const std::int64_t m = t.m0 + i;
      const int b = static_cast<int>(m / per_image);
      const int oy = static_cast<int>((m % per_image) / l.out_w());
      const int ox = static_cast<int>(m % l.out_w());
      const int run = std::min<int>(t.m - i, l.out_w() - ox);  // pixels left in this output row
      const int y = oy * l.stride_h - l.pad_h + ry;
      for (int p = 0; p < run;) {
        const int x = (ox + p) * l.stride_w - l.pad_w + rx;
        const bool inside = y >= 0 && y < l.in_h && x >= 0 && x < l.in_w;
        int q = p + 1;  // extend while the inside/outside state holds
        while (q < run) {
          const int xq = (ox + q) * l.stride_w - l.pad_w + rx;
          if ((y >= 0 && y < l.in_h && xq >= 0 && xq < l.in_w) != inside) break;
          ++q;
        }
        if (!inside) {
          for (int r = p; r < q; ++r) {
            const SramRow first = layout.line_first_row(s, i + r);
            for (SramRow row = first; row < first + layout.rows_per_a_line(); ++row) plan.zero_rows.push_back(row);
          }
        } else {
          DmaCommand cmd;
          cmd.direction = DmaDirection::Load;
          cmd.local = DmaLocal::Scratchpad;
          cmd.address = at.input + ((static_cast<std::uint64_t>(b) * l.in_h + y) * l.in_w + x) * l.in_c +
                        static_cast<std::uint64_t>(t.group) * cg + c;
          cmd.dims[0] = DmaDim{layout.segment_len(s), 1};
          cmd.dims[1] = DmaDim{q - p, static_cast<std::int64_t>(l.stride_w) * l.in_c};
          cmd.first_row = layout.line_first_row(s, i + p);
          plan.commands.push_back(cmd);
        }
        p = q;
      }
      i += run;
    }
  }
  // B: k lines of n weights from the [K][N] matrix.
  const GemmShape g = l.gemm();
  DmaCommand w;
  w.direction = DmaDirection::Load;
  w.local = DmaLocal::Scratchpad;
  set_matrix(w, at.weights + (static_cast<std::uint64_t>(t.group) * g.k + t.k0) * g.n + t.n0, t.k, t.n, g.n);
  w.first_row = layout.b_first();
  plan.commands.push_back(w);
  return plan;
}

SramRow accumulator_rows(const TileOp& t, Dataflow df) {
  return df == Dataflow::InputStationary ? t.n : t.m;
}

DmaCommand plan_tile_store(const Layer& l, const LayerAddresses& at, const TileOp& t, Dataflow df,
                           SramRow acc_first_row, const OutputScale& scale) {
  const int n_per_group = l.out_c / l.groups;
  DmaCommand cmd;
  cmd.direction = DmaDirection::Store;
  cmd.local = DmaLocal::Accumulator;
  cmd.first_row = acc_first_row;
  cmd.scale = scale;
  const std::uint64_t origin = at.output + static_cast<std::uint64_t>(t.m0) * l.out_c +
                               static_cast<std::uint64_t>(t.group) * n_per_group + t.n0;
  if (df == Dataflow::InputStationary) {
    // A row per output channel: its pixels are out_c bytes apart in NHWC.
    cmd.address = origin;
    cmd.dims[0] = DmaDim{t.m, l.out_c};
    cmd.dims[1] = DmaDim{t.n, 1};
  } else {
    set_matrix(cmd, origin, t.m, t.n, l.out_c);
  }
  return cmd;
}

}  // namespace systolica
