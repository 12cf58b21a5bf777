// The mapper: every block fits the core with double-buffering, pinned choices are kept or refused with a
// reason, depthwise layers pack channels on the diagonal, and the blocks of a layer cover every output
// exactly once.
#include "workloads/mapping.h"

#include <gtest/gtest.h>

#include <vector>

#include "tests/support/default_core.h"
#include "workloads/blocks.h"

namespace systolica::test {
namespace {

Layer conv(int h, int c, int k, int r, int stride, int pad) {
  Layer l = make_conv_layer("c", h, h, c, k, r, r, stride, pad);
  l.validate();
  return l;
}

void expect_fits(const Layer& l, const CoreGeometry& g, const LayerMapping& m) {
  const BlockFootprint f = block_footprint(l, g, m);
  EXPECT_LE(f.scratchpad_rows(m.double_buffered), g.scratchpad_rows);
  EXPECT_LE(f.accumulator_rows, g.accumulator_rows / (m.double_buffered ? 2 : 1));
}

// Every (image, output pixel, output channel) is produced by exactly one last_c block, and every input
// channel of it is reduced exactly once.
void expect_exact_cover(const Layer& l, const LayerMapping& m) {
  // Indexed (image, y, x, out channel) -> input channels reduced into it, and how often it was stored.
  const int oh = l.out_h(), ow = l.out_w(), oc = l.out_channels();
  std::vector<int> reduced(static_cast<std::size_t>(l.output_elements()), 0), stored(reduced.size(), 0);
  const bool dense = m.style == BlockStyle::Dense;
  const int cg = dense ? l.in_c / l.groups : 1;
  for_each_block(l, m, [&](const Block& b) {
    for (int y = b.oy0; y < b.oy0 + b.oh; ++y)
      for (int x = b.ox0; x < b.ox0 + b.ow; ++x)
        for (int n = 0; n < b.nt; ++n) {
          const int channel = dense ? b.group * (l.out_c / l.groups) + b.n0 + n : b.c0 + n;
          const std::size_t key = ((static_cast<std::size_t>(b.image) * oh + y) * ow + x) * oc + channel;
          reduced[key] += dense ? b.ct : 1;
          if (b.last_c) ++stored[key];
        }
  });
  for (std::size_t i = 0; i < reduced.size(); ++i) {
    ASSERT_EQ(reduced[i], dense ? cg : 1) << "output element " << i;
    ASSERT_EQ(stored[i], 1) << "output element " << i;
  }
}

TEST(Mapper, ResNetShapesFitAndCoverEveryOutputOnce) {
  const CoreGeometry g = default_core();
  for (const Layer& l : {conv(56, 64, 64, 3, 1, 1), conv(224, 3, 64, 7, 2, 3), conv(14, 1024, 256, 1, 1, 0),
                         conv(7, 512, 2048, 1, 1, 0), conv(56, 256, 512, 1, 2, 0)}) {
    for (Dataflow df : {Dataflow::WeightStationary, Dataflow::OutputStationary, Dataflow::InputStationary}) {
      SCOPED_TRACE(to_string(df));
      const LayerMapping m = map_layer(l, g, df);
      EXPECT_EQ(m.dataflow, df);
      EXPECT_TRUE(m.double_buffered);
      expect_fits(l, g, m);
      expect_exact_cover(l, m);
    }
  }
}

TEST(Mapper, AFittingLayerLoadsEachOperandOnceWhenOneBlockHoldsAllChannels) {
  // 14x14x256 -> 256, 1x1: the input (50 KiB) and the weights (64 KiB) both fit; with double-buffering the
  // mapper can keep every input channel in one block, so nothing is loaded twice.
  const Layer l = conv(14, 256, 256, 1, 1, 0);
  const LayerMapping m = map_layer(l, default_core(), Dataflow::WeightStationary);
  EXPECT_EQ(m.tile_in_c, 256);
  std::int64_t input_loads = 0, weight_loads = 0;
  for_each_block(l, m, [&](const Block& b) {
    input_loads += !b.same_input;
    weight_loads += !b.same_weights;
  });
  const std::int64_t regions = (14 + m.tile_rows - 1) / m.tile_rows * ((14 + m.tile_cols - 1) / m.tile_cols);
  const std::int64_t n_blocks = (256 + m.tile_out_c - 1) / m.tile_out_c;
  if (m.loop_order == LoopOrder::Pixels) {
    EXPECT_EQ(input_loads, regions);
  } else {
    EXPECT_EQ(weight_loads, n_blocks);
  }
}

TEST(Mapper, DepthwisePacksChannelsAndPoolingGoesToTheVectorUnit) {
  Layer dw = conv(112, 32, 32, 3, 1, 1);
  dw.groups = 32;
  dw.validate();
  const LayerMapping m = map_layer(dw, default_core(), Dataflow::WeightStationary);
  EXPECT_EQ(m.style, BlockStyle::Depthwise);
  EXPECT_EQ(m.tile_out_c, m.tile_in_c);
  expect_fits(dw, default_core(), m);
  expect_exact_cover(dw, m);

  Layer pool = make_pool_layer("p", LayerKind::MaxPool, 112, 112, 64, 3, 2, 1);
  pool.validate();
  const LayerMapping pm = map_layer(pool, default_core(), Dataflow::WeightStationary);
  EXPECT_EQ(pm.style, BlockStyle::Vector);
  expect_fits(pool, default_core(), pm);
  expect_exact_cover(pool, pm);

  // A grouped conv that is not depthwise runs group by group.
  Layer grouped = conv(28, 64, 128, 3, 1, 1);
  grouped.groups = 4;
  grouped.validate();
  const LayerMapping gm = map_layer(grouped, default_core(), Dataflow::WeightStationary);
  EXPECT_EQ(gm.style, BlockStyle::Dense);
  EXPECT_LE(gm.tile_in_c, 16);
  EXPECT_LE(gm.tile_out_c, 32);
  expect_exact_cover(grouped, gm);
}

TEST(Mapper, PinsAreKeptAndImpossiblePinsAreRefusedWithTheReason) {
  const Layer l = conv(56, 64, 64, 3, 1, 1);
  MappingPin pin;
  pin.tile_rows = 2;
  pin.tile_out_c = 32;
  pin.loop_order = LoopOrder::Channels;
  pin.dataflow = Dataflow::OutputStationary;
  const LayerMapping m = map_layer(l, default_core(), Dataflow::WeightStationary, pin);
  EXPECT_EQ(m.tile_rows, 2);
  EXPECT_EQ(m.tile_out_c, 32);
  EXPECT_EQ(m.loop_order, LoopOrder::Channels);
  EXPECT_EQ(m.dataflow, Dataflow::OutputStationary);
  expect_exact_cover(l, m);

  MappingPin huge;
  huge.tile_rows = 56;
  huge.tile_cols = 56;
  huge.tile_out_c = 64;
  huge.tile_in_c = 64;  // 56 x 56 pixels x 4 accumulator rows: far more than the accumulator's 512 per half
  try {
    map_layer(l, default_core(), Dataflow::WeightStationary, huge);
    FAIL() << "expected MappingError";
  } catch (const MappingError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("layer 'c'"), std::string::npos) << what;
    EXPECT_NE(what.find("accumulator rows"), std::string::npos) << what;
  }
  MappingPin out_of_range;
  out_of_range.tile_out_c = 65;
  EXPECT_THROW(map_layer(l, default_core(), Dataflow::WeightStationary, out_of_range), MappingError);
}

TEST(Mapper, ATinyScratchpadFallsBackToOneBufferThenRefuses) {
  CoreGeometry g = default_core();
  const Layer l = conv(8, 16, 16, 3, 1, 1);
  // One block's smallest footprint: a 1x1 output needs a 3x3 patch (9 rows) and 9 x 16 weight lines of
  // one row: 153 rows; double-buffered 306.
  g.scratchpad_rows = 200;
  const LayerMapping m = map_layer(l, g, Dataflow::WeightStationary);
  EXPECT_FALSE(m.double_buffered);
  expect_fits(l, g, m);
  g.scratchpad_rows = 100;
  EXPECT_THROW(map_layer(l, g, Dataflow::WeightStationary), MappingError);
}

}  // namespace
}  // namespace systolica::test
