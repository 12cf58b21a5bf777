// Exact cycle counts of hand-made tile sequences, each derived in a comment from docs/systolic_array.md,
// checked on both the closed form and the PE-by-PE reference.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <iostream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "arch/systolic/dataflow.h"
#include "arch/systolic/tile_timing.h"
#include "tests/reference/pe_array_reference.h"
#include "tests/systolic/reference_support.h"

namespace systolica {
namespace {

using namespace reference_test;  // NOLINT(google-build-using-namespace): test helpers

// ---------------------------------------------------------------------------------------------------------
// Exact cycle counts, derived by hand from docs/systolic_array.md

struct Expect {
  Cycle preload_start, stream_start, done;
};

// Runs `shapes` (m, k, n) through both TileScheduler and the reference and checks both against `want`.
void expect_exact(int rows, int cols, Dataflow dataflow, const std::vector<TileExtent>& shapes,
                  const std::vector<Expect>& want, Cycle makespan) {
  std::mt19937 rng(7);
  Case c;
  c.rows = rows;
  c.cols = cols;
  c.dataflow = dataflow;
  for (const TileExtent& e : shapes) {
    c.tiles.push_back(make_tile(e.m, e.k, e.n, rng));
    c.not_before.push_back(0);
  }
  const Scheduled s = schedule(c);
  ASSERT_EQ(s.tiles.size(), want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    SCOPED_TRACE("tile " + std::to_string(i));
    if (dataflow != Dataflow::OutputStationary) {
      EXPECT_EQ(s.tiles[i].preload_start, want[i].preload_start);
    }
    EXPECT_EQ(s.tiles[i].stream_start, want[i].stream_start);
    EXPECT_EQ(s.tiles[i].done, want[i].done);
  }
  EXPECT_EQ(s.makespan, makespan);

  // The reference, given the hand-derived starts, reproduces the hand-derived done cycles.
  std::vector<ref::TileStart> starts;
  starts.reserve(want.size());
  for (const Expect& e : want) {
    starts.push_back(ref::TileStart{e.preload_start, e.stream_start});
  }
  const ref::Result r = ref::run(rows, cols, dataflow, c.tiles, starts);
  EXPECT_TRUE(r.hazards.empty()) << hazards_text(r);
  EXPECT_TRUE(r.finished);
  Cycle last = -1;
  for (std::size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(r.last_output[i], want[i].done) << "tile " << i;
    last = std::max(last, r.last_output[i]);
  }
  EXPECT_EQ(last + 1, makespan);
  EXPECT_TRUE(legal_correct_exact(c, s)) << describe(c, s);
  int checked = 0;
  EXPECT_TRUE(tight(c, s, &checked)) << describe(c, s);
}

TEST(ReferenceExact, WsSingleTile) {
  // 4x4, Mt=5 Kt=3 Nt=2. The weight port writes rows 0..2 in cycles 0..2 (p = 0); row 0's shadow is
  // visible from cycle 1, so streaming starts at s = p + 1 = 1.
  // done = s + (Mt-1) + (R-1) + (Nt-1) = 1 + 4 + 3 + 1 = 9; makespan = 10.
  expect_exact(4, 4, Dataflow::WeightStationary, {{5, 3, 2}}, {{0, 1, 9}}, 10);
}

TEST(ReferenceExact, WsOutputCyclesFollowTheWavefront) {
  // Output (m, j) leaves PE(R-1, j) in cycle s + m + (R-1) + j. 5x3 array, Mt=4 Kt=2 Nt=3, p=0, s=1.
  std::mt19937 rng(11);
  const ref::Tile t = make_tile(4, 2, 3, rng);
  const ref::Result r = ref::run(5, 3, Dataflow::WeightStationary, {t}, {{0, 1}});
  ASSERT_TRUE(r.hazards.empty()) << hazards_text(r);
  ASSERT_EQ(r.outputs.size(), 12u);
  for (const ref::Output& o : r.outputs) {
    EXPECT_EQ(o.cycle, 1 + o.row + 4 + o.col);
  }
}

TEST(ReferenceExact, WsBackToBackPreloadHidden) {
  // 4x4, two tiles Mt=8 Kt=4 Nt=4.
  // Tile 0: p=0, s=1, done = 1 + 7 + 3 + 3 = 14.
  // Tile 1: p = max(p0 + Kt0, s0 + C) = max(4, 5) = 5;  s = max(s0 + Mt0, p + 1) = max(9, 6) = 9: the
  //         edge streams without a gap (Mt0 = 8 >= C + 1), the preload is hidden. done = 9 + 13 = 22.
  expect_exact(4, 4, Dataflow::WeightStationary, {{8, 4, 4}, {8, 4, 4}}, {{0, 1, 14}, {5, 9, 22}}, 23);
}

TEST(ReferenceExact, WsFullyConnectedPreloadExposed) {
  // 4x4, three FC tiles Mt=1 Kt=4 Nt=4. Each done = s + 0 + 3 + 3 = s + 6.
  // Tile 0: p=0, s=1, done=7.
  // Tile 1: p = max(0 + 4, 1 + 4) = 5 (the flip of tile 0 crosses C = 4 columns), s = max(1 + 1, 6) = 6,
  //         done = 12. The edge idles in cycles 2..5: the preload is exposed.
  // Tile 2: p = max(5 + 4, 6 + 4) = 10, s = max(7, 11) = 11, done = 17.
  expect_exact(4, 4, Dataflow::WeightStationary, {{1, 4, 4}, {1, 4, 4}, {1, 4, 4}},
               {{0, 1, 7}, {5, 6, 12}, {10, 11, 17}}, 18);
}

TEST(ReferenceExact, WsWeightPortBound) {
  // 8x2 (tall), two tiles Mt=1 Kt=8 Nt=2: now the weight port (one row per cycle) binds.
  // Tile 0: p=0, s=1, done = 1 + 0 + 7 + 1 = 9.
  // Tile 1: p = max(0 + 8, 1 + 2) = 8, s = max(2, 9) = 9, done = 9 + 8 = 17.
  expect_exact(8, 2, Dataflow::WeightStationary, {{1, 8, 2}, {1, 8, 2}}, {{0, 1, 9}, {8, 9, 17}}, 18);
}

TEST(ReferenceExact, OsDrainHidden) {
  // 4x4, two tiles Mt=4 Nt=4 Kt=12 (Kt >= Mt + Nt + R - 1 = 11).
  // Tile 0: s=0, e = 0 + 11 + 3 + 3 = 17, done = e + R = 21.
  // Tile 1: s = max(s0 + Kt0, e0 + R + 2 - Kt1) = max(12, 11) = 12: no gap, the drain is hidden.
  //         e = 12 + 17 = 29, done = 33.
  expect_exact(4, 4, Dataflow::OutputStationary, {{4, 12, 4}, {4, 12, 4}}, {{0, 0, 21}, {12, 12, 33}}, 34);
}

TEST(ReferenceExact, OsDrainExposed) {
  // 4x4, two tiles Mt=4 Nt=4 Kt=2.
  // Tile 0: s=0, e = 0 + 1 + 3 + 3 = 7, the drain runs in cycles 8..11, done = 11.
  // Tile 1: s = max(0 + 2, 7 + 4 + 2 - 2) = 11: PE(0,0) writes its shadow in s + Kt - 1 = 12, just after the
  //         drain's last cycle 11. The edges idle in cycles 2..10. e = 11 + 7 = 18, done = 22.
  expect_exact(4, 4, Dataflow::OutputStationary, {{4, 2, 4}, {4, 2, 4}}, {{0, 0, 11}, {11, 11, 22}}, 23);
}

TEST(ReferenceExact, OsOutputCyclesFollowTheDrain) {
  // Row i leaves in drain cycle R-1-i, i.e. in cycle e + R - i. 4x3 array, Mt=3 Nt=2 Kt=5, s=0:
  // e = 0 + 4 + 2 + 1 = 7.
  std::mt19937 rng(13);
  const ref::Tile t = make_tile(3, 5, 2, rng);
  const ref::Result r = ref::run(4, 3, Dataflow::OutputStationary, {t}, {{0, 0}});
  ASSERT_TRUE(r.hazards.empty()) << hazards_text(r);
  ASSERT_EQ(r.outputs.size(), 6u);
  for (const ref::Output& o : r.outputs) {
    EXPECT_EQ(o.cycle, 7 + 4 - o.row);
  }
  EXPECT_EQ(r.last_output[0], 11);
}

TEST(ReferenceExact, IsSingleTileAndFcSequence) {
  // IS is WS on the transposed GEMM: M and N swap roles. 4x4, tile m=3 k=2 n=5 runs as WS Mt'=5 Kt'=2
  // Nt'=3: p=0, s=1, done = 1 + 4 + 3 + 2 = 10.
  expect_exact(4, 4, Dataflow::InputStationary, {{3, 2, 5}}, {{0, 1, 10}}, 11);
  // Two tiles m=4 k=4 n=1 (n streams; one column of weights): WS Mt'=1 Kt'=4 Nt'=4, like the FC case.
  // Tile 0: p=0, s=1, done = 1 + 0 + 3 + 3 = 7. Tile 1: p = max(4, 5) = 5, s = 6, done = 12.
  expect_exact(4, 4, Dataflow::InputStationary, {{4, 4, 1}, {4, 4, 1}}, {{0, 1, 7}, {5, 6, 12}}, 13);
}

TEST(ReferenceExact, NotBeforeDelaysATile) {
  // WS 4x4, Mt=8 Kt=4 Nt=4 twice, the second not before cycle 20: p = max(4, 5, 20) = 20, s = 21,
  // done = 21 + 7 + 3 + 3 = 34.
  std::mt19937 rng(17);
  Case c;
  c.rows = c.cols = 4;
  c.dataflow = Dataflow::WeightStationary;
  c.tiles = {make_tile(8, 4, 4, rng), make_tile(8, 4, 4, rng)};
  c.not_before = {0, 20};
  const Scheduled s = schedule(c);
  EXPECT_EQ(s.tiles[1].preload_start, 20);
  EXPECT_EQ(s.tiles[1].stream_start, 21);
  EXPECT_EQ(s.tiles[1].done, 34);
  EXPECT_EQ(s.makespan, 35);
  EXPECT_TRUE(legal_correct_exact(c, s)) << describe(c, s);
}

}  // namespace
}  // namespace systolica
