#include "workloads/blocks.h"

#include <algorithm>
#include <vector>

namespace systolica {

namespace {

struct Range {
  int start, size;
};

// [first, first + total) in tiles of `tile`.
std::vector<Range> split(int first, int total, int tile) {
  std::vector<Range> out;
  for (int s = 0; s < total; s += tile) out.push_back(Range{first + s, std::min(tile, total - s)});
  return out;
}

// Input rows [lo, hi] a run of `count` outputs from `first` touches, clipped to [0, size).
Range touched(int first, int count, int stride, int pad, int extent, int size) {
  const int lo = std::max(0, first * stride - pad);
  const int hi = std::min(size - 1, (first + count - 1) * stride - pad + extent - 1);
  return Range{lo, std::max(0, hi - lo + 1)};
}

}  // namespace

InputPatch input_patch(const Layer& l, const Block& b) {
  if (l.kind == LayerKind::GlobalAvgPool) return InputPatch{0, l.in_h, 0, l.in_w};
  if (l.kind == LayerKind::Add || l.kind == LayerKind::Vector) return InputPatch{b.oy0, b.oh, b.ox0, b.ow};
  const Range y = touched(b.oy0, b.oh, l.stride_h, l.pad_h, l.kernel_extent_h(), l.in_h);
  const Range x = touched(b.ox0, b.ow, l.stride_w, l.pad_w, l.kernel_extent_w(), l.in_w);
  return InputPatch{y.start, y.size, x.start, x.size};
}

void for_each_block(const Layer& l, const LayerMapping& m, const std::function<void(const Block&)>& visit) {
  const bool dense = m.style == BlockStyle::Dense;
  const int groups = dense ? l.groups : 1;
  const int in_c = dense ? l.in_c / l.groups : l.out_channels();
  // A multi-core part covers only its region: its images, output rows and channels (docs/multicore.md).
  const LayerRegion r = m.region.value_or(whole_layer(l));
  const auto rows = split(r.row0, r.rows, m.tile_rows);
  const auto cols = split(0, l.out_w(), m.tile_cols);
  const auto cin = dense ? split(0, in_c, m.tile_in_c) : split(r.channel0, r.channels, m.tile_in_c);
  const auto cout = dense ? split(r.channel0, r.channels, m.tile_out_c) : std::vector<Range>{Range{0, 0}};
  const int image_end = r.image0 + r.images;

  bool have_previous = false;
  Block previous;
  auto emit = [&](int image, int group, const Range& y, const Range& x, std::size_t ci, const Range& n) {
    Block b;
    b.image = image;
    b.group = group;
    b.oy0 = y.start;
    b.oh = y.size;
    b.ox0 = x.start;
    b.ow = x.size;
    b.c0 = cin[ci].start;
    b.ct = cin[ci].size;
    b.n0 = dense ? n.start : b.c0;
    b.nt = dense ? n.size : b.ct;
    b.first_c = !dense || ci == 0;
    b.last_c = !dense || ci + 1 == cin.size();
    if (have_previous) {
      const bool same_region = b.image == previous.image && b.group == previous.group &&
                               b.oy0 == previous.oy0 && b.ox0 == previous.ox0 && b.c0 == previous.c0;
      b.same_input = same_region;
      b.same_weights =
          l.on_array() && b.group == previous.group && b.c0 == previous.c0 && b.n0 == previous.n0;
    }
    visit(b);
    previous = b;
    have_previous = true;
  };

  if (!dense || m.loop_order == LoopOrder::Pixels) {
    // Regions outermost; each region's output-channel blocks back to back (they share its input patch when
    // one input-channel block covers the group); input-channel blocks innermost, accumulating.
    if (!dense && m.loop_order == LoopOrder::Channels && l.on_array()) {
      // Depthwise, weights kept: channel blocks outermost.
      for (std::size_t ci = 0; ci < cin.size(); ++ci)
        for (int image = r.image0; image < image_end; ++image)
          for (const Range& y : rows)
            for (const Range& x : cols) emit(image, 0, y, x, ci, Range{0, 0});
      return;
    }
    for (int image = r.image0; image < image_end; ++image)
      for (int g = 0; g < groups; ++g)
        for (const Range& y : rows)
          for (const Range& x : cols)
            for (const Range& n : cout)
              for (std::size_t ci = 0; ci < cin.size(); ++ci) emit(image, g, y, x, ci, n);
    return;
  }
  // Channels: an output-channel block's regions back to back (they share its weights).
  for (int g = 0; g < groups; ++g)
    for (const Range& n : cout)
      for (int image = r.image0; image < image_end; ++image)
        for (const Range& y : rows)
          for (const Range& x : cols)
            for (std::size_t ci = 0; ci < cin.size(); ++ci) emit(image, g, y, x, ci, n);
}

std::int64_t count_blocks(const Layer& layer, const LayerMapping& mapping) {
  std::int64_t n = 0;
  for_each_block(layer, mapping, [&](const Block&) { ++n; });
  return n;
}

}  // namespace systolica
