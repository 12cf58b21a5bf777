#include "workloads/tiler.h"

#include <algorithm>
#include <stdexcept>

namespace systolica {

TilingPlan plan_tiling(int rows, int cols, Dataflow dataflow, std::uint64_t accumulator_bytes) {
  TilingPlan p;
  p.rows = rows;
  p.cols = cols;
  p.dataflow = dataflow;
  const std::uint64_t row_bytes = static_cast<std::uint64_t>(cols) * 4;  // int32 per column
  p.stream_block = static_cast<std::int64_t>(accumulator_bytes / row_bytes / 2);
  if (dataflow != Dataflow::OutputStationary && p.stream_block < 1) {
    throw std::invalid_argument("the accumulator cannot hold two rows of the array's outputs");
  }
  return p;
}

namespace {
int extent(std::int64_t start, std::int64_t step, std::int64_t total) {
  return static_cast<int>(std::min(step, total - start));
}
}  // namespace

void for_each_reduction_block(const Layer& layer, int rows, const std::function<void(std::int64_t, int)>& visit) {
  const int cg = layer.in_c / layer.groups;
  const int positions = layer.kernel_h * layer.kernel_w;
  for (int pos = 0; pos < positions; ++pos) {
    for (int c0 = 0; c0 < cg; c0 += rows) {
      visit(static_cast<std::int64_t>(pos) * cg + c0, std::min(rows, cg - c0));
    }
  }
}

void for_each_tile(const Layer& layer, const TilingPlan& plan,
                   const std::function<void(const TileOp&)>& visit) {
  const GemmShape g = layer.gemm();
  for (int group = 0; group < layer.groups; ++group) {
    TileOp t;
    t.group = group;
    switch (plan.dataflow) {
      case Dataflow::WeightStationary:
        // Weights of `rows` x `cols` stay while a block of pixels streams; reduction blocks accumulate.
        for (t.n0 = 0; t.n0 < g.n; t.n0 += plan.cols) {
          for (t.m0 = 0; t.m0 < g.m; t.m0 += plan.stream_block) {
            for_each_reduction_block(layer, plan.rows, [&](std::int64_t k0, int k) {
              t.k0 = k0;
              t.k = k;
              t.m = extent(t.m0, plan.stream_block, g.m);
              t.n = extent(t.n0, plan.cols, g.n);
              t.first_k = t.k0 == 0;
              t.last_k = t.k0 + t.k == g.k;
              visit(t);
            });
          }
        }
        break;
      case Dataflow::InputStationary:
        // Activations of `rows` (reduction) x `cols` (pixels) stay while a block of channels streams.
        for (t.m0 = 0; t.m0 < g.m; t.m0 += plan.cols) {
          for (t.n0 = 0; t.n0 < g.n; t.n0 += plan.stream_block) {
            for_each_reduction_block(layer, plan.rows, [&](std::int64_t k0, int k) {
              t.k0 = k0;
              t.k = k;
              t.m = extent(t.m0, plan.cols, g.m);
              t.n = extent(t.n0, plan.stream_block, g.n);
              t.first_k = t.k0 == 0;
              t.last_k = t.k0 + t.k == g.k;
              visit(t);
            });
          }
        }
        break;
      case Dataflow::OutputStationary:
        // Each PE owns one output and sums the whole reduction.
        for (t.m0 = 0; t.m0 < g.m; t.m0 += plan.rows) {
          for (t.n0 = 0; t.n0 < g.n; t.n0 += plan.cols) {
            t.m = extent(t.m0, plan.rows, g.m);
            t.k = static_cast<int>(g.k);
            t.n = extent(t.n0, plan.cols, g.n);
            t.k0 = 0;
            t.first_k = t.last_k = true;
            visit(t);
          }
        }
        break;
    }
  }
}

}  // namespace systolica
