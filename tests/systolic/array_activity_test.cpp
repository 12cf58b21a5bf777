// The array's activity counters (ArrayActivity, for the energy model) on hand-made tile sequences in
// every dataflow, derived in the comments from docs/systolic_array.md: an operand vector enters the array
// edge per streaming cycle (WS: the m activation rows of a tile; IS: its n weight columns, WS on the
// transposed GEMM; OS: its k reduction steps), WS and IS tiles preload their stationary operand, OS tiles
// drain their outputs. And that a layer carries them into LayerTiming and LayerResult.
#include <gtest/gtest.h>

#include <vector>

#include "arch/core/layer_timing.h"
#include "arch/systolic/tile_timing.h"
#include "sim/run/run_result.h"

namespace systolica {
namespace {

// Schedules `tiles` back to back and checks the counters and that stream_steps is exactly the cycles the
// edges streamed (the array's own accounting: compute + underuse).
ArrayActivity run(Dataflow df, const std::vector<TileExtent>& tiles) {
  TileScheduler s(4, 4, df);
  Cycle streamed = 0;
  for (const TileExtent& t : tiles) {
    const TileSchedule sch = s.schedule(t);
    streamed += sch.stream_end - sch.stream_start;
  }
  EXPECT_EQ(s.activity().stream_steps, streamed);
  const CycleBreakdown b = s.breakdown();
  EXPECT_NEAR(b.compute + b.underuse, static_cast<double>(s.activity().stream_steps), 1e-9);
  return s.activity();
}

TileExtent tile(int m, int k, int n) {
  TileExtent t;
  t.m = m;
  t.k = k;
  t.n = n;
  return t;
}

TEST(ArrayActivity, WeightStationaryStreamsActivationRowsAndPreloadsEveryTile) {
  // m = 10 and m = 3 activation rows stream past the weights: 13 steps; two weight preloads, no drains.
  const ArrayActivity a = run(Dataflow::WeightStationary, {tile(10, 4, 4), tile(3, 2, 1)});
  EXPECT_EQ(a.stream_steps, 13);
  EXPECT_EQ(a.preloads, 2);
  EXPECT_EQ(a.output_drains, 0);
}

TEST(ArrayActivity, InputStationaryStreamsWeightColumnsAndPreloadsEveryTile) {
  // The inputs (k x m) are held; the n = 7 and n = 5 weight columns stream: 12 steps; two input preloads.
  const ArrayActivity a = run(Dataflow::InputStationary, {tile(4, 3, 7), tile(2, 4, 5)});
  EXPECT_EQ(a.stream_steps, 12);
  EXPECT_EQ(a.preloads, 2);
  EXPECT_EQ(a.output_drains, 0);
}

TEST(ArrayActivity, OutputStationaryStreamsTheReductionAndDrainsEveryTile) {
  // k = 9, 2 and 16 reduction steps stream in: 27; three output drains, nothing preloaded.
  const ArrayActivity a = run(Dataflow::OutputStationary, {tile(4, 9, 3), tile(1, 2, 4), tile(4, 16, 4)});
  EXPECT_EQ(a.stream_steps, 27);
  EXPECT_EQ(a.preloads, 0);
  EXPECT_EQ(a.output_drains, 3);
}

TEST(ArrayActivity, DepthwiseTilesStreamLikeAnyOther) {
  // A diagonal tile does fewer MACs but streams the same m rows (WS): 6 + 6.
  TileExtent d = tile(6, 4, 4);
  d.diagonal = true;
  const ArrayActivity a = run(Dataflow::WeightStationary, {d, d});
  EXPECT_EQ(a.stream_steps, 12);
  EXPECT_EQ(a.preloads, 2);
}

TEST(ArrayActivity, ASegmentRestartsTheCountersAndADataflowSwitchCountsEachTileByItsOwn) {
  TileScheduler s(4, 4, Dataflow::WeightStationary);
  s.schedule(tile(5, 4, 4));
  s.begin_segment(100);
  EXPECT_EQ(s.activity().stream_steps, 0);
  EXPECT_EQ(s.activity().preloads, 0);
  s.schedule(tile(7, 4, 4), 100);  // WS: 7 rows, a preload
  const TileSchedule last = s.schedule(tile(7, 4, 4), 100);
  s.switch_dataflow(Dataflow::OutputStationary);  // the array is idle after the last output
  s.schedule(tile(4, 3, 4), last.done + 1);       // OS: 3 reduction steps, a drain
  EXPECT_EQ(s.activity().stream_steps, 7 + 7 + 3);
  EXPECT_EQ(s.activity().preloads, 2);
  EXPECT_EQ(s.activity().output_drains, 1);
}

TEST(ArrayActivity, ALayerResultCarriesItsTimingsActivity) {
  LayerTiming timing;
  timing.end = 100;
  timing.tiles = 3;
  timing.activity = ArrayActivity{42, 3, 0};
  const LayerResult r = layer_result(ArchSpec{}, Layer{}, timing);
  EXPECT_EQ(r.activity.stream_steps, 42);
  EXPECT_EQ(r.activity.preloads, 3);
  EXPECT_EQ(r.activity.output_drains, 0);
}

}  // namespace
}  // namespace systolica
