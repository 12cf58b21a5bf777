// Splitting a layer among cores (workloads/partition.h), without a simulator: the parts cover the layer's
// output exactly once, every MAC is done once over all parts' command streams and every output byte stored
// once, a dimension that cannot be split falls back as documented, and pipeline stages are consecutive and
// balanced.
#include "workloads/partition.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>
#include <vector>

#include "arch/core/layer_program.h"
#include "tests/support/default_core.h"
#include "workloads/mapping.h"
#include "workloads/models/model_zoo.h"

namespace systolica::test {
namespace {

Layer batched(Layer l, int batch) {
  l.batch = batch;
  l.validate();
  return l;
}

// Layers of every style: dense convs (strided, padded), a depthwise conv, a grouped conv (channels cannot
// be split), pooling, an add, a global pool and an FC layer (one output row).
std::vector<Layer> layers_of_every_kind(int batch) {
  Layer dw = make_conv_layer("dw", 14, 14, 96, 96, 3, 3, 2, 1);
  dw.groups = 96;
  Layer grouped = make_conv_layer("grouped", 10, 10, 64, 128, 3, 3, 1, 1);
  grouped.groups = 4;
  Layer add = make_pool_layer("add", LayerKind::MaxPool, 7, 7, 48, 1, 1, 0);
  add.kind = LayerKind::Add;
  Layer gap = make_pool_layer("gap", LayerKind::MaxPool, 7, 7, 80, 1, 1, 0);
  gap.kind = LayerKind::GlobalAvgPool;
  Layer fc = make_gemm_layer("fc", 1, 1000, 512);
  std::vector<Layer> out = {make_conv_layer("conv", 28, 28, 64, 200, 3, 3, 1, 1),
                            make_conv_layer("stem", 38, 38, 3, 64, 7, 7, 2, 3),
                            dw,
                            grouped,
                            make_pool_layer("pool", LayerKind::MaxPool, 15, 15, 40, 3, 2, 1),
                            add,
                            gap};
  for (Layer& l : out) l = batched(l, batch);
  out.push_back(fc);  // a Gemm's batch is its M
  return out;
}

// How often each output element (image, row, channel within a group) is covered by the regions.
std::vector<int> coverage(const Layer& l, const std::vector<LayerRegion>& regions) {
  const LayerRegion whole = whole_layer(l);
  std::vector<int> seen(static_cast<std::size_t>(whole.images) * whole.rows * whole.channels, 0);
  for (const LayerRegion& r : regions)
    for (int b = r.image0; b < r.image0 + r.images; ++b)
      for (int y = r.row0; y < r.row0 + r.rows; ++y)
        for (int c = r.channel0; c < r.channel0 + r.channels; ++c)
          ++seen[(static_cast<std::size_t>(b) * whole.rows + y) * whole.channels + c];
  return seen;
}

TEST(Partition, EveryStrategyCoversEveryOutputOnceAndEveryMacOnce) {
  const CoreGeometry core = default_core();
  for (int batch : {1, 3}) {
    for (const Layer& l : layers_of_every_kind(batch)) {
      for (PartitionStrategy s :
           {PartitionStrategy::Channels, PartitionStrategy::Rows, PartitionStrategy::Batch}) {
        for (int cores : {1, 2, 3, 5, 16}) {
          SCOPED_TRACE(l.name + " " + to_string(s) + " cores " + std::to_string(cores) + " batch " +
                       std::to_string(batch));
          PartitionStrategy used = s;
          const std::vector<LayerRegion> regions = split_layer(l, s, cores, 16, used);
          ASSERT_GE(regions.size(), 1u);
          ASSERT_LE(regions.size(), static_cast<std::size_t>(cores));
          const std::vector<int> seen = coverage(l, regions);
          EXPECT_TRUE(std::all_of(seen.begin(), seen.end(), [](int n) { return n == 1; }));
          // Every part's own command stream, addressed in the whole tensors: MACs and stored bytes add up.
          std::int64_t macs = 0;
          std::uint64_t stored = 0;
          for (const LayerRegion& r : regions) {
            const LayerMapping m = map_layer(l, core, Dataflow::WeightStationary, {}, r);
            TensorAddresses at;
            at.inputs = {0x100000};
            if (l.kind == LayerKind::Add) at.inputs.push_back(0x200000);
            at.output = 0x400000;
            const LayerProgram p = build_layer_program(l, m, at, core, OutputScale{});
            macs += p.useful_macs;
            for (const CoreCommand& c : p.commands)
              if (c.unit == CommandUnit::Store) stored += c.dma.memory_bytes();
          }
          EXPECT_EQ(macs, l.macs());
          EXPECT_EQ(stored, static_cast<std::uint64_t>(l.output_bytes()));
        }
      }
    }
  }
}

TEST(Partition, ChannelsSplitInWholeArrayWidthsAsEvenlyAsPossible) {
  const Layer l = make_conv_layer("conv", 14, 14, 64, 200, 3, 3, 1, 1);  // 200 = 12.5 units of 16
  PartitionStrategy used = PartitionStrategy::Auto;
  const auto r = split_layer(l, PartitionStrategy::Channels, 4, 16, used);
  EXPECT_EQ(used, PartitionStrategy::Channels);
  ASSERT_EQ(r.size(), 4u);
  // 13 units over 4 cores: 3, 3, 3, 4 units; the last part ends at 200, not 208.
  EXPECT_EQ(r[0].channel0, 0);
  EXPECT_EQ(r[0].channels, 48);
  EXPECT_EQ(r[1].channel0, 48);
  EXPECT_EQ(r[2].channel0, 96);
  EXPECT_EQ(r[3].channel0, 144);
  EXPECT_EQ(r[3].channels, 56);
  // More cores than units: one part per unit, the other cores idle.
  EXPECT_EQ(split_layer(l, PartitionStrategy::Channels, 16, 16, used).size(), 13u);
}

TEST(Partition, RowsKeepTheirHaloInTheInputPatch) {
  // A 3x3 stride-1 conv on 8 rows split over 2 cores: rows 0-3 and 4-7 read input rows 0-4 and 3-7.
  const Layer l = make_conv_layer("conv", 8, 8, 16, 16, 3, 3, 1, 1);
  PartitionStrategy used = PartitionStrategy::Auto;
  const auto r = split_layer(l, PartitionStrategy::Rows, 2, 16, used);
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[1].row0, 4);
  Block upper, lower;
  upper.oy0 = r[0].row0, upper.oh = r[0].rows, upper.ow = 8;
  lower.oy0 = r[1].row0, lower.oh = r[1].rows, lower.ow = 8;
  EXPECT_EQ(input_patch(l, upper).y0, 0);
  EXPECT_EQ(input_patch(l, upper).h, 5);
  EXPECT_EQ(input_patch(l, lower).y0, 3);
  EXPECT_EQ(input_patch(l, lower).h, 5);
}

TEST(Partition, ADimensionThatCannotBeSplitFallsBack) {
  PartitionStrategy used = PartitionStrategy::Auto;
  // Batch 1: batch -> channels.
  split_layer(make_conv_layer("c", 8, 8, 16, 64, 3, 3, 1, 1), PartitionStrategy::Batch, 4, 16, used);
  EXPECT_EQ(used, PartitionStrategy::Channels);
  // One output row (an FC layer at batch 1): rows -> channels.
  split_layer(make_gemm_layer("fc", 1, 1000, 512), PartitionStrategy::Rows, 4, 16, used);
  EXPECT_EQ(used, PartitionStrategy::Channels);
  // A grouped conv's channels run group by group: channels -> rows.
  Layer grouped = make_conv_layer("g", 10, 10, 64, 128, 3, 3, 1, 1);
  grouped.groups = 4;
  split_layer(grouped, PartitionStrategy::Channels, 4, 16, used);
  EXPECT_EQ(used, PartitionStrategy::Rows);
  // Fewer channels than one unit: channels -> rows.
  split_layer(make_conv_layer("c", 8, 8, 16, 8, 3, 3, 1, 1), PartitionStrategy::Channels, 4, 16, used);
  EXPECT_EQ(used, PartitionStrategy::Rows);
  // Nothing to split at all (a global pool of 8 channels): one part.
  Layer gap = make_pool_layer("gap", LayerKind::MaxPool, 7, 7, 8, 1, 1, 0);
  gap.kind = LayerKind::GlobalAvgPool;
  EXPECT_EQ(split_layer(gap, PartitionStrategy::Rows, 4, 16, used).size(), 1u);
}

TEST(Partition, PipelineStagesAreConsecutiveNonEmptyAndBalanced) {
  const Network net = make_model("resnet50", 1, 224);
  std::vector<double> layer_work;  // any measure of work; here MACs plus output elements
  for (const Layer& l : net.layers)
    layer_work.push_back(static_cast<double>(l.macs()) + static_cast<double>(l.output_elements()));
  for (int cores : {1, 2, 4, 8, 16}) {
    SCOPED_TRACE(cores);
    const std::vector<int> stage = pipeline_stages(layer_work, cores);
    ASSERT_EQ(stage.size(), net.layers.size());
    EXPECT_EQ(stage.front(), 0);
    EXPECT_EQ(stage.back(), cores - 1);  // 72 layers: every core has a stage
    for (std::size_t i = 1; i < stage.size(); ++i) {
      EXPECT_GE(stage[i], stage[i - 1]);
      EXPECT_LE(stage[i], stage[i - 1] + 1) << "an empty stage before layer " << i;
    }
    // Each stage holds the layers whose middle falls in its share of the work, so no stage exceeds an even
    // share by more than the largest layer.
    std::vector<double> work(static_cast<std::size_t>(cores), 0);
    double total = 0, largest = 0;
    for (std::size_t i = 0; i < stage.size(); ++i) {
      const double w = layer_work[i];
      work[static_cast<std::size_t>(stage[i])] += w;
      total += w;
      largest = std::max(largest, w);
    }
    for (double w : work) EXPECT_LE(w, total / cores + largest);
  }
  // Fewer layers than cores: every layer its own core, in order; the other cores idle.
  EXPECT_EQ(pipeline_stages({5, 1, 9}, 8), (std::vector<int>{0, 1, 2}));
  // Work decides, not the layer count: a heavy first layer gets a stage of its own.
  EXPECT_EQ(pipeline_stages({10, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, 2),
            (std::vector<int>{0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}));
}

TEST(Partition, StrategyNamesRoundTrip) {
  for (PartitionStrategy s : {PartitionStrategy::Channels, PartitionStrategy::Rows, PartitionStrategy::Batch,
                              PartitionStrategy::Pipeline, PartitionStrategy::Auto}) {
    PartitionStrategy back = PartitionStrategy::Channels;
    ASSERT_TRUE(parse_partition_strategy(to_string(s), back));
    EXPECT_EQ(back, s);
  }
  PartitionStrategy x = PartitionStrategy::Channels;
  EXPECT_FALSE(parse_partition_strategy("diagonal", x));
}

}  // namespace
}  // namespace systolica::test
