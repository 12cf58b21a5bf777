// A tile's DMA plan fills its scratchpad layout with exactly the tile's operands: "executed" here with
// the DMA's own request splitter and row packing over a memory image, then read back through the layout
// and compared with the functional gather, for every tile of several layers and every dataflow.
#include <gtest/gtest.h>

#include <vector>

#include "arch/core/tile_dma.h"
#include "arch/dma/dma_walk.h"
#include "arch/sram/sram_geometry.h"
#include "tests/support/memory_image.h"
#include "workloads/layer_tensors.h"

namespace systolica {
namespace {


TEST(TileDma, LoadsFillTheLayoutWithTheTileOperands) {
  Layer grouped = make_conv_layer("grouped", 7, 6, 8, 12, 3, 3, 2, 1);
  grouped.groups = 2;
  Layer batched = make_conv_layer("batched", 5, 5, 5, 4, 3, 3, 1, 1);
  batched.batch = 2;
  const int row_bytes = 4;  // narrower than some lines: lines take several rows
  for (const Layer& l : {make_conv_layer("c", 9, 7, 5, 6, 3, 3, 2, 1), grouped, batched,
                         make_gemm_layer("g", 9, 7, 20), make_conv_layer("stem", 11, 11, 3, 5, 7, 7, 2, 3)}) {
    SCOPED_TRACE(l.name);
    const LayerTensors t = make_random_tensors(l, 5);
    const LayerAddresses at = place_layer(l, 0);
    const std::vector<std::int8_t> mem = test::memory_image(l, at, t);
    for (Dataflow df : {Dataflow::WeightStationary, Dataflow::OutputStationary, Dataflow::InputStationary}) {
      SCOPED_TRACE(std::string(to_string(df)));
      for_each_tile(l, plan_tiling(4, 3, df, 4 * 3 * 8), [&](const TileOp& op) {
        const TileLayout layout(l, op, 10, row_bytes);
        std::vector<std::int16_t> sram(static_cast<std::size_t>(10 + layout.rows()) * row_bytes, -999);
        const TileLoadPlan plan = plan_tile_loads(l, at, op, layout);
        for (const DmaCommand& cmd : plan.commands) {
          SramSpec spec;
          spec.capacity_bytes = static_cast<std::uint64_t>(10 + layout.rows()) * row_bytes;
          spec.banks = 1;
          spec.row_bytes = row_bytes;
          ASSERT_NO_THROW(validate_dma_command(cmd, SramGeometry(spec), 64)) << cmd;
          DmaRequestSplitter split(cmd, 64);
          const DmaRowPacking packing(cmd, row_bytes);
          for (DmaChunk c; split.next(c);) {
            for_each_segment(packing, c, 1, [&](const DmaSegment& s, int offset) {
              for (int e = 0; e < s.elements; ++e) {
                std::int16_t& cell = sram[static_cast<std::size_t>(s.row) * row_bytes + s.entry + e];
                EXPECT_EQ(cell, -999) << "written twice";
                cell = mem[c.address + offset + e];
              }
            });
          }
        }
        for (SramRow r : plan.zero_rows)
          for (int b = 0; b < row_bytes; ++b) sram[static_cast<std::size_t>(r) * row_bytes + b] = 0;

        std::vector<std::int8_t> want_a(static_cast<std::size_t>(op.m) * op.k), want_b(static_cast<std::size_t>(op.k) * op.n);
        gather_activations(l, t, op, want_a.data());
        gather_weights(l, t, op, want_b.data());
        for (int i = 0; i < op.m; ++i)
          for (int j = 0; j < op.k; ++j) {
            const auto [row, byte] = layout.a_at(i, j);
            ASSERT_EQ(sram[static_cast<std::size_t>(row) * row_bytes + byte], want_a[static_cast<std::size_t>(i) * op.k + j]);
          }
        for (int i = 0; i < op.k; ++i)
          for (int j = 0; j < op.n; ++j) {
            const auto [row, byte] = layout.b_at(i, j);
            ASSERT_EQ(sram[static_cast<std::size_t>(row) * row_bytes + byte], want_b[static_cast<std::size_t>(i) * op.n + j]);
          }
      });
    }
  }
}

}  // namespace
}  // namespace systolica
