#include "workloads/mapping.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace systolica {

const char* to_string(LoopOrder order) {
  return order == LoopOrder::Pixels ? "pixels" : "channels";
}

namespace {

std::int64_t ceil_div(std::int64_t a, std::int64_t b) {
  return (a + b - 1) / b;
}

BlockStyle style_of(const Layer& l) {
  if (!l.on_array()) return BlockStyle::Vector;
  if (l.depthwise()) return BlockStyle::Depthwise;
  return BlockStyle::Dense;
}

// Input rows a run of `outputs` outputs touches (with the halo), at most the input's size.
std::int64_t patch_extent(int outputs, int stride, int kernel_extent, int size) {
  return std::min<std::int64_t>(size, static_cast<std::int64_t>(outputs - 1) * stride + kernel_extent);
}

// Channel tile candidates: 16, 32, 64, ... (multiples of the row width) below `total`, and `total`.
std::vector<int> channel_candidates(int total, int unit, const std::optional<int>& pin) {
  if (pin) return {*pin};
  std::vector<int> out;
  for (int c = unit; c < total; c *= 2) out.push_back(c);
  out.push_back(total);
  return out;
}

struct Candidate {
  LayerMapping m;
  double cost = 0;
};

int group_in(const Layer& l, BlockStyle s) {
  return s == BlockStyle::Dense ? l.in_c / l.groups : l.out_channels();
}
int group_out(const Layer& l, BlockStyle s) {
  return s == BlockStyle::Dense ? l.out_c / l.groups : l.out_channels();
}

// The search's estimate of the layer's cycles: for every block the larger of its array (or vector unit)
// time and the time its loads take on the DMA bus, since double-buffering overlaps the two, plus the first
// block's loads, which nothing hides.
double estimate_cycles(const Layer& l, const CoreGeometry& core, const LayerMapping& m,
                       const BlockFootprint& f, double* load_bytes = nullptr) {
  const BlockStyle s = m.style;
  const LayerRegion r = m.region.value_or(whole_layer(l));
  const std::int64_t regions = static_cast<std::int64_t>(r.images) * ceil_div(r.rows, m.tile_rows) *
                               ceil_div(l.out_w(), m.tile_cols) * (s == BlockStyle::Dense ? l.groups : 1);
  const std::int64_t n_blocks = s == BlockStyle::Dense ? ceil_div(r.channels, m.tile_out_c) : 1;
  const std::int64_t c_blocks = ceil_div(s == BlockStyle::Dense ? group_in(l, s) : r.channels, m.tile_in_c);
  const std::int64_t blocks = regions * n_blocks * c_blocks;
  const double pixels = static_cast<double>(m.tile_rows) * m.tile_cols;
  const double positions = static_cast<double>(l.kernel_h) * l.kernel_w;
  const double rb = core.scratchpad_row_bytes;

  double compute = 0;  // per block
  if (s == BlockStyle::Vector) {
    double ops = pixels * m.tile_in_c;
    if (l.kind == LayerKind::MaxPool || l.kind == LayerKind::AvgPool) ops *= positions;
    if (l.kind == LayerKind::GlobalAvgPool) ops = static_cast<double>(l.in_h) * l.in_w * m.tile_in_c;
    if (l.kind == LayerKind::Add) ops *= 2;
    if (l.kind == LayerKind::Vector) ops *= l.vector_ops_per_element;
    compute = ops / core.vector_lanes;
  } else {
    const double k_groups = s == BlockStyle::Depthwise ? std::ceil(m.tile_in_c / double(core.rows))
                                                       : std::ceil(m.tile_in_c / double(core.rows));
    const double n_groups = s == BlockStyle::Depthwise ? 1 : std::ceil(m.tile_out_c / double(core.cols));
    switch (m.dataflow) {
      case Dataflow::WeightStationary:
        compute = positions * k_groups * n_groups * std::max(pixels, double(core.rows));
        break;
      case Dataflow::OutputStationary:
        compute =
            std::ceil(pixels / core.rows) * (s == BlockStyle::Depthwise ? k_groups * positions : n_groups) *
            ((s == BlockStyle::Depthwise ? core.rows : positions * m.tile_in_c) + core.rows + core.cols);
        break;
      case Dataflow::InputStationary:
        compute = positions * k_groups * std::ceil(pixels / core.cols) *
                  std::max(s == BlockStyle::Depthwise ? double(core.cols) : double(m.tile_out_c),
                           double(core.rows));
        break;
    }
  }
  // Bytes loaded, counting reuse: an operand shared by consecutive blocks is loaded once.
  const double input_bytes = static_cast<double>(f.input_rows) * f.input_buffers * rb;
  const double weight_bytes = static_cast<double>(f.weight_rows) * rb;
  double input_loads = static_cast<double>(blocks), weight_loads = static_cast<double>(blocks);
  if (c_blocks == 1) {
    if (m.loop_order == LoopOrder::Pixels) input_loads = static_cast<double>(regions);
    if (m.loop_order == LoopOrder::Channels) weight_loads = static_cast<double>(n_blocks);
  }
  if (s == BlockStyle::Depthwise && m.loop_order == LoopOrder::Channels) weight_loads = double(c_blocks);
  const double load_cycles =
      (input_loads * input_bytes + weight_loads * weight_bytes) / core.dma_bytes_per_cycle / double(blocks);
  // Behind the DMA, memory moves whole lines: a block that reads only some of each pixel's channels
  // fetches a line per pixel anyway (and, in a big layer, again for the next channel block).
  double line_input_bytes = input_bytes;
  if (m.tile_in_c < group_in(l, s) && m.tile_in_c < core.memory_line_bytes) {
    line_input_bytes *= double(core.memory_line_bytes) / m.tile_in_c;
  }
  // Weights are stored [K][N], output channels innermost (depthwise: [positions][C]): a block that takes
  // only some of them reads a part of a line per row, and memory fetches the whole line.
  double line_weight_bytes = weight_bytes;
  const int weight_run = s == BlockStyle::Depthwise ? m.tile_in_c : m.tile_out_c;
  const std::int64_t weight_row = s == BlockStyle::Depthwise ? group_in(l, s) : group_out(l, s);
  if (s != BlockStyle::Vector && weight_run < weight_row && weight_run < core.memory_line_bytes) {
    line_weight_bytes *= double(core.memory_line_bytes) / weight_run;
  }
  const double fetched = input_loads * line_input_bytes + weight_loads * line_weight_bytes;
  if (load_bytes != nullptr) *load_bytes = fetched;
  const double memory_cycles = fetched / core.dma_bytes_per_cycle / double(blocks);
  const double per_block_overhead = 8;  // issuing, completing, waking: keeps the search off tiny blocks
  const double overlapped = m.double_buffered ? std::max(compute, load_cycles) : compute + load_cycles;
  // Reloads that hide behind compute in the estimate still cost: every byte crosses the L2 (and often
  // DRAM), contends with other cores and costs energy. Each loaded byte is charged a quarter of its
  // DMA time, so a mapping that is a little faster on paper but moves several times the bytes loses.
  const double traffic = 0.25 * memory_cycles;
  return double(blocks) * (overlapped + per_block_overhead + traffic) +
         (input_bytes + weight_bytes) / core.dma_bytes_per_cycle;
}

}  // namespace

BlockFootprint block_footprint(const Layer& l, const CoreGeometry& core, const LayerMapping& m) {
  BlockFootprint f;
  const int rb = core.scratchpad_row_bytes;
  const std::int64_t pixels = static_cast<std::int64_t>(m.tile_rows) * m.tile_cols;
  std::int64_t ph = patch_extent(m.tile_rows, l.stride_h, l.kernel_extent_h(), l.in_h);
  std::int64_t pw = patch_extent(m.tile_cols, l.stride_w, l.kernel_extent_w(), l.in_w);
  std::int64_t line_channels = m.tile_in_c;
  if (l.kind == LayerKind::GlobalAvgPool) {
    ph = l.in_h;
    pw = l.in_w;
  } else if (l.kind == LayerKind::Add) {
    ph = m.tile_rows;
    pw = m.tile_cols;
  } else if (l.kind == LayerKind::Vector) {
    // The input rows and columns the output block maps to (a Resize scales them; +1 for rounding), every
    // channel; room for the widest of the inputs (a Concat's others are narrower than its output).
    ph = std::min<std::int64_t>(l.in_h,
                                ceil_div(static_cast<std::int64_t>(m.tile_rows) * l.in_h, l.out_h()) + 1);
    pw = std::min<std::int64_t>(l.in_w,
                                ceil_div(static_cast<std::int64_t>(m.tile_cols) * l.in_w, l.out_w()) + 1);
    line_channels = std::max(l.in_c, l.out_c);
  }
  f.input_rows = ph * pw * ceil_div(line_channels, rb);
  switch (m.style) {
    case BlockStyle::Dense:
      f.weight_rows =
          static_cast<std::int64_t>(l.kernel_h) * l.kernel_w * m.tile_in_c * ceil_div(m.tile_out_c, rb);
      f.accumulator_rows = pixels * ceil_div(m.tile_out_c, core.accumulator_row_entries);
      break;
    case BlockStyle::Depthwise:
      f.weight_rows = static_cast<std::int64_t>(l.kernel_h) * l.kernel_w * ceil_div(m.tile_in_c, rb);
      f.accumulator_rows = pixels * ceil_div(m.tile_in_c, core.accumulator_row_entries);
      break;
    case BlockStyle::Vector:
      f.output_rows = pixels * ceil_div(m.tile_in_c, rb);
      if (l.kind == LayerKind::Add) f.input_buffers = 2;
      if (l.kind == LayerKind::Vector) f.input_buffers = std::max<int>(1, static_cast<int>(l.inputs.size()));
      break;
  }
  return f;
}

LayerMapping map_layer(const Layer& l, const CoreGeometry& core, Dataflow dataflow, const MappingPin& given,
                       const std::optional<LayerRegion>& part) {
  const BlockStyle style = style_of(l);
  const Dataflow df = given.dataflow.value_or(dataflow);
  const LayerRegion region = part.value_or(whole_layer(l));
  const int in_c = group_in(l, style), out_c = group_out(l, style);
  const int ow = l.out_w();
  auto check_pin = [&](const std::optional<int>& v, int max, const char* what) {
    if (v && (*v < 1 || *v > max)) {
      throw MappingError(
          fmt::format("layer '{}': pinned {} = {} is out of range; allowed 1 .. {}", l.name, what, *v, max));
    }
  };
  check_pin(given.tile_rows, l.out_h(), "tile_rows");
  check_pin(given.tile_cols, ow, "tile_cols");
  check_pin(given.tile_in_c, in_c, "tile_in_c");
  if (style == BlockStyle::Dense) check_pin(given.tile_out_c, out_c, "tile_out_c");
  // The search runs over the region: its rows, and its channels (output channels of a dense layer, the
  // channels themselves otherwise). A pinned tile larger than the region is cut to it.
  const int oh = region.rows;
  const int search_in_c = style == BlockStyle::Dense ? in_c : region.channels;
  const int search_out_c = style == BlockStyle::Dense ? region.channels : out_c;
  MappingPin pin = given;
  auto cut = [](std::optional<int>& v, int max) {
    if (v) v = std::min(*v, max);
  };
  cut(pin.tile_rows, oh);
  cut(pin.tile_in_c, search_in_c);
  cut(pin.tile_out_c, search_out_c);

  // Other vector operators (Softmax, Concat, ...) work on whole pixels: every channel in one block.
  const std::vector<int> cins = l.kind == LayerKind::Vector
                                    ? std::vector<int>{in_c}
                                    : channel_candidates(search_in_c, core.rows, pin.tile_in_c);
  const std::vector<int> couts = style == BlockStyle::Dense
                                     ? channel_candidates(search_out_c, core.cols, pin.tile_out_c)
                                     : std::vector<int>{0};
  std::vector<int> col_tiles;
  if (pin.tile_cols) {
    col_tiles = {*pin.tile_cols};
  } else {
    for (int w = ow; w >= 1; w = w > 1 ? (w + 1) / 2 : 0) col_tiles.push_back(w);
  }
  std::vector<LoopOrder> orders = {LoopOrder::Pixels, LoopOrder::Channels};
  if (pin.loop_order) orders = {*pin.loop_order};
  if (style == BlockStyle::Vector) orders = {LoopOrder::Pixels};

  std::optional<Candidate> best;
  std::string closest;  // why the smallest candidate did not fit, for the error
  double closest_excess = 0;
  for (bool double_buffered : {true, false}) {
    for (int ct : cins)
      for (int nt : couts)
        for (int tw : col_tiles)
          for (int th = 1; th <= oh; ++th) {
            if (pin.tile_rows && th != *pin.tile_rows) continue;
            if (tw < ow && th > 1 && !pin.tile_rows) break;  // partial rows: one row at a time
            LayerMapping m;
            m.dataflow = df;
            m.style = style;
            m.tile_rows = th;
            m.tile_cols = tw;
            m.tile_in_c = ct;
            m.tile_out_c = style == BlockStyle::Dense ? nt : ct;
            m.double_buffered = double_buffered;
            m.region = part;
            const BlockFootprint f = block_footprint(l, core, m);
            const std::int64_t acc_limit = core.accumulator_rows / (double_buffered ? 2 : 1);
            const std::int64_t spad = f.scratchpad_rows(double_buffered);
            if (spad > core.scratchpad_rows || f.accumulator_rows > acc_limit) {
              // How far over its limits the candidate is; the error describes the least oversized one.
              const double excess =
                  std::max(double(spad) / double(core.scratchpad_rows),
                           double(f.accumulator_rows) / double(std::max<std::int64_t>(1, acc_limit)));
              if (closest.empty() || excess < closest_excess) {
                closest_excess = excess;
                closest = fmt::format(
                    "even the block closest to fitting ({}x{} pixels, {} input and {} output channels) needs "
                    "{} "
                    "scratchpad rows of {} available and {} accumulator rows of {}",
                    th, tw, ct, m.tile_out_c, spad, core.scratchpad_rows, f.accumulator_rows, acc_limit);
              }
              break;  // taller blocks only grow
            }
            for (LoopOrder order : orders) {
              m.loop_order = order;
              m.input_rows = f.input_rows * f.input_buffers;
              m.weight_rows = f.weight_rows;
              m.output_rows = f.output_rows;
              m.accumulator_rows = f.accumulator_rows;
              m.estimated_cycles = estimate_cycles(l, core, m, f, &m.estimated_load_bytes);
              const double pixels = double(th) * tw;
              // Equal estimates: prefer bigger blocks (fewer commands to simulate).
              const double cost = m.estimated_cycles - 1e-6 * pixels * ct * m.tile_out_c;
              if (!best || cost < best->cost) best = Candidate{m, cost};
            }
          }
    if (best) return best->m;
  }
  throw MappingError(
      fmt::format("layer '{}': no mapping fits: {}; use a larger scratchpad.capacity or "
                  "accumulator.capacity, or pin smaller tiles (mapping.{}.*)",
                  l.name, closest.empty() ? "no candidate" : closest, l.name));
}

}  // namespace systolica
