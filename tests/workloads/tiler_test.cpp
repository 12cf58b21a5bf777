// The tiler covers every MAC of a layer exactly once, with tiles that fit the array.
#include <gtest/gtest.h>

#include <vector>

#include "workloads/tiler.h"

namespace systolica {
namespace {

void expect_exact_cover(const Layer& layer, const TilingPlan& plan) {
  const GemmShape g = layer.gemm();
  std::vector<int> hits(static_cast<std::size_t>(layer.groups * g.m * g.k * g.n), 0);
  std::int64_t macs = 0;
  for_each_tile(layer, plan, [&](const TileOp& t) {
    switch (plan.dataflow) {
      case Dataflow::WeightStationary:
        EXPECT_LE(t.k, plan.rows);
        EXPECT_LE(t.n, plan.cols);
        EXPECT_LE(t.m, plan.stream_block);
        break;
      case Dataflow::InputStationary:
        EXPECT_LE(t.k, plan.rows);
        EXPECT_LE(t.m, plan.cols);
        EXPECT_LE(t.n, plan.stream_block);
        break;
      case Dataflow::OutputStationary:
        EXPECT_LE(t.m, plan.rows);
        EXPECT_LE(t.n, plan.cols);
        EXPECT_EQ(t.k, g.k);
        break;
    }
    EXPECT_EQ(t.first_k, t.k0 == 0);
    EXPECT_EQ(t.last_k, t.k0 + t.k == g.k);
    for (int i = 0; i < t.m; ++i)
      for (int k = 0; k < t.k; ++k)
        for (int j = 0; j < t.n; ++j)
          ++hits[static_cast<std::size_t>(((t.group * g.m + t.m0 + i) * g.k + t.k0 + k) * g.n + t.n0 + j)];
    macs += static_cast<std::int64_t>(t.m) * t.k * t.n;
  });
  EXPECT_EQ(macs, layer.macs());
  for (int h : hits) ASSERT_EQ(h, 1);
}

TEST(Tiler, EveryMacExactlyOnceForEveryDataflow) {
  std::vector<Layer> layers{make_gemm_layer("g", 37, 19, 23), make_gemm_layer("fc", 1, 40, 33),
                            make_conv_layer("c", 9, 7, 5, 6, 3, 3, 2, 1)};
  Layer grouped = make_conv_layer("grouped", 6, 6, 8, 12, 3, 3, 1, 1);
  grouped.groups = 4;
  layers.push_back(grouped);
  for (const Layer& l : layers) {
    for (Dataflow df : {Dataflow::WeightStationary, Dataflow::OutputStationary, Dataflow::InputStationary}) {
      SCOPED_TRACE(l.name + " " + std::string(to_string(df)));
      // 4 x 3 array; an accumulator of 96 B holds 8 rows of 3 int32, so blocks of 4 (double-buffered).
      const TilingPlan plan = plan_tiling(4, 3, df, 96);
      EXPECT_EQ(plan.stream_block, 4);
      expect_exact_cover(l, plan);
    }
  }
}

TEST(Tiler, DefaultConfigBlocksOf512Pixels) {
  // 64 KiB accumulator / (16 columns x 4 B) = 1024 rows, halved for double-buffering.
  EXPECT_EQ(plan_tiling(16, 16, Dataflow::WeightStationary, 64 * 1024).stream_block, 512);
}

TEST(Tiler, RejectsAnAccumulatorTooSmallForTwoRows) {
  EXPECT_THROW(plan_tiling(16, 16, Dataflow::WeightStationary, 64), std::invalid_argument);
}

}  // namespace
}  // namespace systolica
