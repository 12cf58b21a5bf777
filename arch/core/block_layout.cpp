#include "arch/core/block_layout.h"

#include <algorithm>

namespace systolica {

namespace {
int ceil_div(int a, int b) {
  return (a + b - 1) / b;
}
}  // namespace

BlockLayout::BlockLayout(const Layer& layer, const LayerMapping& mapping, const BlockPlacement& placement,
                         int spad_row_bytes, int acc_row_entries)
    : layer_(layer),
      block_(placement.block),
      place_(placement),
      patch_(input_patch(layer, placement.block)),
      style_(mapping.style),
      row_bytes_(spad_row_bytes),
      acc_entries_(acc_row_entries),
      positions_(layer.on_array() ? layer.kernel_h * layer.kernel_w : 1) {
  const int line_channels = layer.kind == LayerKind::Vector ? std::max(layer.in_c, layer.out_c) : block_.ct;
  input_line_rows_ = ceil_div(line_channels, row_bytes_);
  weight_line_rows_ = ceil_div(style_ == BlockStyle::Dense ? block_.nt : block_.ct, row_bytes_);
  acc_line_rows_ = ceil_div(block_.nt, acc_entries_);
  output_line_rows_ = ceil_div(block_.ct, row_bytes_);
}

std::pair<SramRow, int> BlockLayout::patch_at(int y, int x, int c, int which) const {
  const SramRow line = static_cast<SramRow>(y - patch_.y0) * patch_.w + (x - patch_.x0);
  return {place_.input_first[static_cast<std::size_t>(which)] + line * input_line_rows_ + c / row_bytes_,
          c % row_bytes_};
}

std::optional<std::pair<SramRow, int>> BlockLayout::input_at(int i, int kk, int which) const {
  const int oy = block_.oy0 + i / block_.ow;
  const int ox = block_.ox0 + i % block_.ow;
  const int p = kk / block_.ct, c = kk % block_.ct;
  const int y = oy * layer_.stride_h - layer_.pad_h + (p / layer_.kernel_w) * layer_.dilation_h;
  const int x = ox * layer_.stride_w - layer_.pad_w + (p % layer_.kernel_w) * layer_.dilation_w;
  if (y < 0 || y >= layer_.in_h || x < 0 || x >= layer_.in_w) return std::nullopt;
  return patch_at(y, x, c, which);
}

std::pair<SramRow, int> BlockLayout::weight_at(int kk, int j) const {
  return {place_.weight_first + static_cast<SramRow>(kk) * weight_line_rows_ + j / row_bytes_,
          j % row_bytes_};
}

std::pair<SramRow, int> BlockLayout::depthwise_weight_at(int p, int c) const {
  return {place_.weight_first + static_cast<SramRow>(p) * weight_line_rows_ + c / row_bytes_, c % row_bytes_};
}

std::pair<SramRow, int> BlockLayout::accumulator_at(int i, int j) const {
  return {place_.accumulator_first + static_cast<SramRow>(i) * acc_line_rows_ + j / acc_entries_,
          j % acc_entries_};
}

std::pair<SramRow, int> BlockLayout::output_at(int i, int c) const {
  return {place_.output_first + static_cast<SramRow>(i) * output_line_rows_ + c / row_bytes_, c % row_bytes_};
}

DmaCommand BlockLayout::input_load(int which, std::uint64_t tensor_address, const TensorShape& tensor) const {
  DmaCommand cmd;
  cmd.direction = DmaDirection::Load;
  cmd.local = DmaLocal::Scratchpad;
  cmd.first_row = place_.input_first[static_cast<std::size_t>(which)];
  const Nhwc shape{tensor.n, tensor.h, tensor.w, tensor.c};
  if (layer_.kind == LayerKind::Vector) {
    // Every channel of the input rows and columns the output block maps to (scaled for a Resize; row and
    // column 0 of a broadcast input).
    auto span = [](int first, int count, int out, int in) {
      const std::int64_t lo = static_cast<std::int64_t>(first) * in / out;
      const std::int64_t hi =
          std::min<std::int64_t>(in, (static_cast<std::int64_t>(first + count) * in + out - 1) / out);
      return std::make_pair(lo, std::max<std::int64_t>(1, hi - lo));
    };
    const auto [y, h] = span(block_.oy0, block_.oh, layer_.out_h(), tensor.h);
    const auto [x, w] = span(block_.ox0, block_.ow, layer_.out_w(), tensor.w);
    set_nhwc_box(cmd, tensor_address, shape, Nhwc{tensor.n == 1 ? 0 : block_.image, y, x, 0},
                 Nhwc{1, h, w, tensor.c});
    return cmd;
  }
  const int channel0 =
      (style_ == BlockStyle::Dense ? block_.group * (layer_.in_c / layer_.groups) : 0) + block_.c0;
  set_nhwc_box(cmd, tensor_address, shape, Nhwc{block_.image, patch_.y0, patch_.x0, channel0},
               Nhwc{1, patch_.h, patch_.w, block_.ct});
  return cmd;
}

DmaCommand BlockLayout::weight_load(std::uint64_t weights_address) const {
  DmaCommand cmd;
  cmd.direction = DmaDirection::Load;
  cmd.local = DmaLocal::Scratchpad;
  cmd.first_row = place_.weight_first;
  if (style_ == BlockStyle::Depthwise) {
    // [K][C]: per position, the block's channels.
    set_matrix(cmd, weights_address + block_.c0, positions_, block_.ct, layer_.in_c);
    return cmd;
  }
  const std::int64_t cg = layer_.in_c / layer_.groups, ng = layer_.out_c / layer_.groups;
  // [groups][K][N] with K = (position, c): lines of the block's output channels, for each position and
  // each of the block's input channels.
  cmd.address = weights_address +
                static_cast<std::uint64_t>((block_.group * positions_ * cg + block_.c0) * ng + block_.n0);
  cmd.dims[0] = DmaDim{block_.nt, 1};
  cmd.dims[1] = DmaDim{block_.ct, ng};
  cmd.dims[2] = DmaDim{positions_, cg * ng};
  return cmd;
}

DmaCommand BlockLayout::store(std::uint64_t output_address, const OutputScale& scale) const {
  DmaCommand cmd;
  cmd.direction = DmaDirection::Store;
  const int out_c = layer_.out_channels();
  int channel0 = block_.n0;
  if (style_ == BlockStyle::Dense) channel0 += block_.group * (layer_.out_c / layer_.groups);
  if (layer_.on_array()) {
    cmd.local = DmaLocal::Accumulator;
    cmd.first_row = place_.accumulator_first;
    cmd.scale = scale;
  } else {
    cmd.local = DmaLocal::Scratchpad;
    cmd.first_row = place_.output_first;
  }
  set_nhwc_box(cmd, output_address, Nhwc{layer_.batch, layer_.out_h(), layer_.out_w(), out_c},
               Nhwc{block_.image, block_.oy0, block_.ox0, channel0},
               Nhwc{1, block_.oh, block_.ow, block_.nt});
  return cmd;
}

}  // namespace systolica
