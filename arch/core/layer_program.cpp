#include "arch/core/layer_program.h"

#include <algorithm>
#include <cmath>
#include <functional>

namespace systolica {

namespace {

constexpr std::int64_t kNone = -1;

int ceil_div(int a, int b) {
  return (a + b - 1) / b;
}

// Emits one block's array passes in the dataflow's order.
void emit_passes(const Layer& l, const LayerMapping& m, const Block& b, const CoreGeometry& core,
                 const std::function<void(const ArrayPass&)>& emit) {
  const int R = core.rows, C = core.cols;
  const int pixels = b.pixels();
  const int positions = l.kernel_h * l.kernel_w;
  auto pass = [&](int i0, int mm, int kk0, int k, int n0, int n, bool diagonal, bool overwrite) {
    ArrayPass p;
    p.extent = TileExtent{mm, k, n, diagonal};
    p.i0 = i0;
    p.kk0 = kk0;
    p.n0 = n0;
    p.diagonal = diagonal;
    p.overwrite = overwrite;
    emit(p);
  };
  if (m.style == BlockStyle::Depthwise) {
    const int W = std::min(R, C);  // channels packed on the diagonal
    const int groups = ceil_div(b.ct, W);
    auto width = [&](int j) { return std::min(W, b.ct - j * W); };
    switch (m.dataflow) {
      case Dataflow::WeightStationary:
        for (int p = 0; p < positions; ++p)
          for (int j = 0; j < groups; ++j)
            pass(0, pixels, p * b.ct + j * W, width(j), j * W, width(j), true, p == 0);
        return;
      case Dataflow::OutputStationary:
        for (int a = 0; a < pixels; a += R)
          for (int j = 0; j < groups; ++j)
            for (int p = 0; p < positions; ++p)
              pass(a, std::min(R, pixels - a), p * b.ct + j * W, width(j), j * W, width(j), true, p == 0);
        return;
      case Dataflow::InputStationary:
        for (int p = 0; p < positions; ++p)
          for (int j = 0; j < groups; ++j)
            for (int a = 0; a < pixels; a += C)
              pass(a, std::min(C, pixels - a), p * b.ct + j * W, width(j), j * W, width(j), true, p == 0);
        return;
    }
  }
  const int k_groups = ceil_div(b.ct, R);
  switch (m.dataflow) {
    case Dataflow::WeightStationary:
      for (int p = 0; p < positions; ++p)
        for (int j = 0; j < k_groups; ++j)
          for (int q = 0; q < b.nt; q += C)
            pass(0, pixels, p * b.ct + j * R, std::min(R, b.ct - j * R), q, std::min(C, b.nt - q), false,
                 b.first_c && p == 0 && j == 0);
      return;
    case Dataflow::OutputStationary:
      for (int a = 0; a < pixels; a += R)
        for (int q = 0; q < b.nt; q += C)
          pass(a, std::min(R, pixels - a), 0, positions * b.ct, q, std::min(C, b.nt - q), false, b.first_c);
      return;
    case Dataflow::InputStationary:
      for (int p = 0; p < positions; ++p)
        for (int j = 0; j < k_groups; ++j)
          for (int a = 0; a < pixels; a += C)
            pass(a, std::min(C, pixels - a), p * b.ct + j * R, std::min(R, b.ct - j * R), 0, b.nt, false,
                 b.first_c && p == 0 && j == 0);
      return;
  }
}

// Double-buffered slots of one kind of buffer: which slot holds what, and who read it last.
struct Slots {
  int count = 1;
  int current = -1;
  std::vector<std::int64_t> last_reader{kNone, kNone};
  std::vector<std::vector<std::uint32_t>> writers{{}, {}};  // the loads that filled each slot
  int next() { return current = (current + 1) % count; }
};

void add_dep(CoreCommand& c, std::int64_t dep) {
  if (dep != kNone &&
      std::find(c.deps.begin(), c.deps.end(), static_cast<std::uint32_t>(dep)) == c.deps.end()) {
    c.deps.push_back(static_cast<std::uint32_t>(dep));
  }
}

}  // namespace

Cycle vector_block_cycles(const Layer& l, const Block& b, int lanes) {
  double ops = static_cast<double>(b.pixels()) * b.ct;
  switch (l.kind) {
    case LayerKind::MaxPool:
    case LayerKind::AvgPool:
      ops *= static_cast<double>(l.kernel_h) * l.kernel_w;
      break;
    case LayerKind::GlobalAvgPool:
      ops = static_cast<double>(l.in_h) * l.in_w * b.ct;
      break;
    case LayerKind::Add:
      ops *= 2;
      break;
    case LayerKind::Vector:
      ops *= l.vector_ops_per_element;
      break;
    default:
      break;
  }
  return std::max<Cycle>(1, static_cast<Cycle>(std::ceil(ops / lanes)));
}

LayerProgram build_layer_program(const Layer& l, const LayerMapping& m, const TensorAddresses& at,
                                 const CoreGeometry& core, const OutputScale& scale) {
  LayerProgram prog;
  const int nbuf = m.double_buffered ? 2 : 1;
  const int n_inputs = static_cast<int>(at.inputs.size());
  const std::int64_t per_input = n_inputs > 0 ? m.input_rows / n_inputs : 0;
  // Scratchpad: [inputs 0 | inputs 1 | weights 0 | weights 1 | outputs 0 | outputs 1], packed; or, when every
  // buffer fits in a bank and there are banks enough, each buffer at the start of its own bank, so that the
  // DMA filling one buffer never waits for a port the store engine or another load holds on another.
  std::vector<std::int64_t> sizes;
  for (int k = 0; k < nbuf; ++k) sizes.push_back(m.input_rows);
  for (int k = 0; k < nbuf; ++k) sizes.push_back(m.weight_rows);
  for (int k = 0; k < nbuf; ++k) sizes.push_back(m.output_rows);
  std::vector<std::int64_t> starts(sizes.size(), 0);
  const std::int64_t bank_rows = core.scratchpad_rows / std::max(1, core.scratchpad_banks);
  int used = 0;
  bool own_banks = true;
  for (std::int64_t size : sizes) {
    if (size == 0) continue;
    own_banks = own_banks && size <= bank_rows;
    ++used;
  }
  own_banks = own_banks && used <= core.scratchpad_banks;
  for (std::size_t k = 0, next_bank = 0; k < sizes.size(); ++k) {
    if (own_banks) {
      starts[k] = static_cast<std::int64_t>(next_bank) * bank_rows;
      next_bank += sizes[k] > 0 ? 1 : 0;
    } else {
      starts[k] = k == 0 ? 0 : starts[k - 1] + sizes[k - 1];
    }
  }
  auto input_first = [&](int slot, int which) {
    return starts[static_cast<std::size_t>(slot)] + which * per_input;
  };
  auto weight_first = [&](int slot) { return starts[static_cast<std::size_t>(nbuf + slot)]; };
  auto output_first = [&](int slot) { return starts[static_cast<std::size_t>(2 * nbuf + slot)]; };
  auto acc_first = [&](int half) { return half * (core.accumulator_rows / 2); };

  Slots in{nbuf}, w{nbuf}, out{nbuf}, acc{nbuf};
  std::vector<std::int64_t> acc_store(2, kNone), out_store(2, kNone);
  auto push = [&](CoreCommand c) {
    prog.commands.push_back(std::move(c));
    return static_cast<std::int64_t>(prog.commands.size() - 1);
  };

  for_each_block(l, m, [&](const Block& b) {
    BlockPlacement place;
    place.block = b;
    const std::uint32_t bi = static_cast<std::uint32_t>(prog.blocks.size());
    // Inputs: reuse the slot holding this patch, or load into the other one once its last reader is done.
    const bool reload_input = in.current < 0 || !b.same_input;
    if (reload_input) in.next();
    for (int i = 0; i < n_inputs; ++i) place.input_first.push_back(input_first(in.current, i));
    const bool reload_weights = l.on_array() && (w.current < 0 || !b.same_weights);
    if (l.on_array()) {
      if (reload_weights) w.next();
      place.weight_first = weight_first(w.current);
    }
    int half = acc.current < 0 ? 0 : acc.current;
    if (l.on_array() && b.first_c) half = acc.next();
    place.accumulator_first = acc_first(half);
    if (!l.on_array()) place.output_first = output_first(out.next());
    prog.blocks.push_back(place);
    const BlockLayout layout(l, m, place, core.scratchpad_row_bytes, core.accumulator_row_entries);

    if (reload_input) {
      in.writers[in.current].clear();
      for (int i = 0; i < n_inputs; ++i) {
        CoreCommand c;
        c.unit = CommandUnit::Load;
        c.block = bi;
        const TensorShape shape = static_cast<std::size_t>(i) < at.input_shapes.size()
                                      ? at.input_shapes[static_cast<std::size_t>(i)]
                                      : TensorShape{l.batch, l.in_h, l.in_w, l.in_c};
        c.dma = layout.input_load(i, at.inputs[static_cast<std::size_t>(i)], shape);
        add_dep(c, in.last_reader[in.current]);
        in.writers[in.current].push_back(static_cast<std::uint32_t>(push(std::move(c))));
      }
    }
    if (reload_weights) {
      CoreCommand c;
      c.unit = CommandUnit::Load;
      c.block = bi;
      c.dma = layout.weight_load(at.weights);
      add_dep(c, w.last_reader[w.current]);
      w.writers[w.current] = {static_cast<std::uint32_t>(push(std::move(c)))};
    }

    std::int64_t last = kNone;
    if (l.on_array()) {
      bool first = true;
      emit_passes(l, m, b, core, [&](const ArrayPass& p) {
        CoreCommand c;
        c.unit = CommandUnit::Compute;
        c.block = bi;
        c.pass = p;
        if (first) {
          for (std::uint32_t d : in.writers[in.current]) add_dep(c, d);
          for (std::uint32_t d : w.writers[w.current]) add_dep(c, d);
          if (b.first_c) add_dep(c, acc_store[half]);
          first = false;
        }
        prog.useful_macs += p.extent.useful_macs();
        last = push(std::move(c));
      });
      w.last_reader[w.current] = last;
    } else {
      CoreCommand c;
      c.unit = CommandUnit::Vector;
      c.block = bi;
      c.vector_cycles = vector_block_cycles(l, b, core.vector_lanes);
      for (std::uint32_t d : in.writers[in.current]) add_dep(c, d);
      add_dep(c, out_store[out.current]);
      last = push(std::move(c));
    }
    in.last_reader[in.current] = last;

    if (b.last_c) {
      CoreCommand s;
      s.unit = CommandUnit::Store;
      s.block = bi;
      s.dma = layout.store(at.output, scale);
      add_dep(s, last);
      const std::int64_t si = push(std::move(s));
      if (l.on_array()) {
        acc_store[half] = si;
      } else {
        out_store[out.current] = si;
      }
    }
  });
  return prog;
}

}  // namespace systolica
