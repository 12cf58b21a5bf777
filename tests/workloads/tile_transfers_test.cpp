// The DMA runs of a tile cover its operand blocks exactly once and point at the right bytes: checked by
// gathering through the runs from a flat memory image and comparing with the functional gather.
#include <gtest/gtest.h>

#include <vector>

#include "tests/support/memory_image.h"
#include "workloads/layer_tensors.h"
#include "workloads/tile_transfers.h"

namespace systolica {
namespace {


TEST(TileTransfers, RunsReassembleEveryTileExactlyOnce) {
  Layer grouped = make_conv_layer("grouped", 7, 6, 8, 12, 3, 3, 2, 1);
  grouped.groups = 2;
  Layer batched = make_conv_layer("batched", 5, 5, 5, 4, 3, 3, 1, 1);
  batched.batch = 2;
  for (const Layer& l : {make_conv_layer("c", 9, 7, 5, 6, 3, 3, 2, 1), grouped, batched, make_gemm_layer("g", 9, 7, 20)}) {
    SCOPED_TRACE(l.name);
    const LayerTensors t = make_random_tensors(l, 3);
    const LayerAddresses at = place_layer(l, 100);
    EXPECT_EQ(at.input % 4096, 0u);
    const std::vector<std::int8_t> mem = test::memory_image(l, at, t);
    for (Dataflow df : {Dataflow::WeightStationary, Dataflow::OutputStationary, Dataflow::InputStationary}) {
      const TilingPlan plan = plan_tiling(4, 3, df, 4 * 3 * 8);
      for_each_tile(l, plan, [&](const TileOp& op) {
        std::vector<std::int8_t> a(static_cast<std::size_t>(op.m) * op.k, 99), want_a(a.size());
        std::vector<int> hits(a.size(), 0);
        activation_runs(l, at, op, [&](const TransferRun& r) {
          for (std::uint32_t b = 0; b < r.bytes; ++b) {
            const std::size_t e = static_cast<std::size_t>(r.row) * op.k + r.col + b;
            ++hits[e];
            a[e] = r.padding ? 0 : mem[r.address + b];
            if (!r.padding) {
              EXPECT_LT(r.address + b, at.weights);  // inside the input tensor
            }
          }
        });
        gather_activations(l, t, op, want_a.data());
        ASSERT_EQ(a, want_a);
        for (int h : hits) ASSERT_EQ(h, 1);

        std::vector<std::int8_t> b(static_cast<std::size_t>(op.k) * op.n), want_b(b.size());
        weight_runs(l, at, op, [&](const TransferRun& r) {
          for (std::uint32_t x = 0; x < r.bytes; ++x) b[static_cast<std::size_t>(r.row) * op.n + r.col + x] = mem[r.address + x];
        });
        gather_weights(l, t, op, want_b.data());
        ASSERT_EQ(b, want_b);

        std::uint64_t out_bytes = 0;
        output_runs(l, at, op, [&](const TransferRun& r) {
          EXPECT_GE(r.address, at.output);
          EXPECT_LE(r.address + r.bytes, at.end);
          out_bytes += r.bytes;
        });
        EXPECT_EQ(out_bytes, static_cast<std::uint64_t>(op.m) * op.n);
      });
    }
  }
}

}  // namespace
}  // namespace systolica
