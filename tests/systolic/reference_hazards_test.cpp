// The reference detects every kind of structural hazard on deliberately bad schedules, so the
// equivalence tests' "no hazard" and "one cycle earlier is a hazard" checks cannot pass vacuously.
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
// The reference detects every hazard kind on a deliberately bad schedule.

std::vector<ref::Tile> tiles_of(const std::vector<TileExtent>& shapes, std::uint32_t seed = 5) {
  std::mt19937 rng(seed);
  std::vector<ref::Tile> tiles;
  tiles.reserve(shapes.size());
  for (const TileExtent& e : shapes) {
    tiles.push_back(make_tile(e.m, e.k, e.n, rng));
  }
  return tiles;
}

TEST(ReferenceHazards, WsWeightPortConflict) {
  // 8x2, two tiles Mt=4 Kt=8 Nt=2. Legal: p1 = max(0 + 8, 1 + 2) = 8. With p1 = 7 the port writes tile 0's
  // row 7 and tile 1's row 0 in cycle 7.
  const auto tiles = tiles_of({{4, 8, 2}, {4, 8, 2}});
  EXPECT_TRUE(ref::run(8, 2, Dataflow::WeightStationary, tiles, {{0, 1}, {8, 9}}).hazards.empty());
  const ref::Result r = ref::run(8, 2, Dataflow::WeightStationary, tiles, {{0, 1}, {7, 9}});
  ASSERT_FALSE(r.hazards.empty());
  EXPECT_EQ(r.hazards[0].kind, ref::hazard::kWeightPortConflict) << hazards_text(r);
  EXPECT_EQ(r.hazards[0].cycle, 7);
}

TEST(ReferenceHazards, WsShadowOverwritten) {
  // 4x4, tile 0 Mt=8 Kt=1 Nt=4 (p=0, s=1): its flip reaches PE(0,3) in cycle s + 3 = 4, so tile 1 may
  // write row 0 from cycle 5 on. Writing it in cycle 4 overwrites a full shadow, and nothing else goes
  // wrong (the flip reads the start-of-cycle shadow).
  const auto tiles = tiles_of({{8, 1, 4}, {8, 1, 4}});
  EXPECT_TRUE(ref::run(4, 4, Dataflow::WeightStationary, tiles, {{0, 1}, {5, 9}}).hazards.empty());
  const ref::Result r = ref::run(4, 4, Dataflow::WeightStationary, tiles, {{0, 1}, {4, 9}});
  ASSERT_EQ(r.hazards.size(), 1u) << hazards_text(r);
  EXPECT_EQ(r.hazards[0].kind, ref::hazard::kShadowOverwritten);
  EXPECT_EQ(r.hazards[0].cycle, 4);
  EXPECT_EQ(r.hazards[0].row, 0);
  EXPECT_EQ(r.hazards[0].col, 3);
  EXPECT_TRUE(r.finished);
}

TEST(ReferenceHazards, WsFlipWithoutShadowAndWeightTagMismatch) {
  // s = p: row 0 is written in cycle p and visible only from p + 1, but its flip happens in cycle s = p.
  // The flip takes an empty shadow, so the activation also meets a weight that is not its tile's.
  const auto tiles = tiles_of({{3, 2, 2}});
  const ref::Result r = ref::run(4, 4, Dataflow::WeightStationary, tiles, {{0, 0}});
  ASSERT_FALSE(r.hazards.empty());
  EXPECT_EQ(r.hazards[0].kind, ref::hazard::kFlipWithoutShadow) << hazards_text(r);
  EXPECT_EQ(r.hazards[0].cycle, 0);
  EXPECT_EQ(r.hazards[0].row, 0);
  EXPECT_EQ(r.hazards[0].col, 0);
  EXPECT_TRUE(has_hazard(r, ref::hazard::kWeightTagMismatch)) << hazards_text(r);
}

TEST(ReferenceHazards, WsActivationEdgeConflictAndDidNotFinish) {
  // 4x4, two tiles Mt=6 Kt=2 Nt=4. Legal: p1 = max(2, 1 + 4) = 5, s1 = max(1 + 6, 6) = 7. With s1 = 6
  // both tiles present on row 0 in cycle 6. The earlier tile keeps the edge, so tile 1's first activation
  // (and its flip) is lost: its next activation meets tile 0's weight and its output m = 0 never appears.
  const auto tiles = tiles_of({{6, 2, 4}, {6, 2, 4}});
  EXPECT_TRUE(ref::run(4, 4, Dataflow::WeightStationary, tiles, {{0, 1}, {5, 7}}).hazards.empty());
  const ref::Result r = ref::run(4, 4, Dataflow::WeightStationary, tiles, {{0, 1}, {5, 6}});
  ASSERT_FALSE(r.hazards.empty());
  EXPECT_EQ(r.hazards[0].kind, ref::hazard::kActivationEdgeConflict) << hazards_text(r);
  EXPECT_EQ(r.hazards[0].cycle, 6);
  EXPECT_EQ(r.hazards[0].row, 0);
  EXPECT_TRUE(has_hazard(r, ref::hazard::kWeightTagMismatch)) << hazards_text(r);
  EXPECT_TRUE(has_hazard(r, ref::hazard::kDidNotFinish)) << hazards_text(r);
  EXPECT_FALSE(r.finished);
}

TEST(ReferenceHazards, WsPartialSumMismatch) {
  // 2x2. Tile 0 Mt=5 Kt=1 Nt=1 (p=0, s=1) uses row 0 only; tile 1 Mt=1 Kt=2 Nt=1 is preloaded legally
  // (p1 = 3 >= max(0 + 1, 1 + 2)) but streams too early, s1 = 4 < s0 + Mt0 = 6. Row 0 conflicts in cycle 4
  // (tile 0 keeps it); row 1 gets tile 1's activation in cycle 5 and meets the partial sum tile 0's m = 3
  // left in PE(0,0) in cycle 4.
  const auto tiles = tiles_of({{5, 1, 1}, {1, 2, 1}});
  EXPECT_TRUE(ref::run(2, 2, Dataflow::WeightStationary, tiles, {{0, 1}, {3, 6}}).hazards.empty());
  const ref::Result r = ref::run(2, 2, Dataflow::WeightStationary, tiles, {{0, 1}, {3, 4}});
  EXPECT_TRUE(has_hazard(r, ref::hazard::kActivationEdgeConflict)) << hazards_text(r);
  ASSERT_TRUE(has_hazard(r, ref::hazard::kPartialSumMismatch)) << hazards_text(r);
  const auto it = std::find_if(r.hazards.begin(), r.hazards.end(), [](const ref::Hazard& h) {
    return h.kind == ref::hazard::kPartialSumMismatch;
  });
  EXPECT_EQ(it->cycle, 5);
  EXPECT_EQ(it->row, 1);
  EXPECT_EQ(it->col, 0);
}

TEST(ReferenceHazards, IsUsesTheWeightStationaryHazards) {
  // IS 4x4, m=4 k=4 n=1 twice (WS Mt'=1 Kt'=4 Nt'=4): legal p1 = 5, s1 = 6. p1 = 4 overwrites the
  // shadow of PE(0,3) in the cycle tile 0's flip reaches it.
  const auto tiles = tiles_of({{4, 4, 1}, {4, 4, 1}});
  EXPECT_TRUE(ref::run(4, 4, Dataflow::InputStationary, tiles, {{0, 1}, {5, 6}}).hazards.empty());
  const ref::Result r = ref::run(4, 4, Dataflow::InputStationary, tiles, {{0, 1}, {4, 6}});
  ASSERT_FALSE(r.hazards.empty());
  EXPECT_EQ(r.hazards[0].kind, ref::hazard::kShadowOverwritten) << hazards_text(r);
}

TEST(ReferenceHazards, OsEdgeConflicts) {
  // 4x4, two tiles Mt=4 Nt=4 Kt=12: legal s1 = 12. With s1 = 11 both tiles present on row 0 and
  // column 0 in cycle 11.
  const auto tiles = tiles_of({{4, 12, 4}, {4, 12, 4}});
  EXPECT_TRUE(ref::run(4, 4, Dataflow::OutputStationary, tiles, {{0, 0}, {12, 12}}).hazards.empty());
  const ref::Result r = ref::run(4, 4, Dataflow::OutputStationary, tiles, {{0, 0}, {11, 11}});
  EXPECT_TRUE(has_hazard(r, ref::hazard::kLeftEdgeConflict)) << hazards_text(r);
  EXPECT_TRUE(has_hazard(r, ref::hazard::kTopEdgeConflict)) << hazards_text(r);
  EXPECT_EQ(r.hazards[0].cycle, 11);
}

TEST(ReferenceHazards, OsResultDuringDrain) {
  // 4x4, two tiles Mt=4 Nt=4 Kt=2: tile 0 drains in cycles 8..11, legal s1 = 11. With s1 = 10, PE(0,0)
  // finishes tile 1 in cycle 10 + 1 = 11, the drain's last cycle.
  const auto tiles = tiles_of({{4, 2, 4}, {4, 2, 4}});
  const ref::Result r = ref::run(4, 4, Dataflow::OutputStationary, tiles, {{0, 0}, {10, 10}});
  ASSERT_FALSE(r.hazards.empty());
  EXPECT_EQ(r.hazards[0].kind, ref::hazard::kResultDuringDrain) << hazards_text(r);
  EXPECT_EQ(r.hazards[0].cycle, 11);
  EXPECT_EQ(r.hazards[0].row, 0);
  EXPECT_EQ(r.hazards[0].col, 0);
}

TEST(ReferenceHazards, OsResultShadowFullAndDidNotFinish) {
  // 4x4, tile 0 Mt=4 Nt=4 Kt=1 at s=0 (e = 6: the drain cannot begin before cycle 7); tile 1 Mt=Nt=Kt=1
  // at s=1 finishes PE(0,0) in cycle 1, over tile 0's undrained result, so tile 0 never drains.
  const auto tiles = tiles_of({{4, 1, 4}, {1, 1, 1}});
  const ref::Result r = ref::run(4, 4, Dataflow::OutputStationary, tiles, {{0, 0}, {1, 1}});
  ASSERT_FALSE(r.hazards.empty());
  EXPECT_EQ(r.hazards[0].kind, ref::hazard::kResultShadowFull) << hazards_text(r);
  EXPECT_EQ(r.hazards[0].cycle, 1);
  EXPECT_TRUE(has_hazard(r, ref::hazard::kDidNotFinish)) << hazards_text(r);
  EXPECT_FALSE(r.finished);
}

TEST(ReferenceHazards, OsOperandMismatch) {
  // 2x2, tile 0 Mt=2 Nt=1 Kt=3 at s=0 (e0 = 2 + 1 + 0 = 3), tile 1 Mt=1 Nt=2 Kt=3 at s=1 (legal:
  // s1 = max(0 + 3, e0 + R + 2 - Kt1) = max(3, 4) = 4). Row 0 and column 0
  // conflict in cycles 1 and 2 and keep tile 0, but column 1 belongs to tile 1 alone: in cycle 2 PE(0,1)
  // sees a of tile 0 k=1 (from PE(0,0)) and b of tile 1 k=0 (from the top edge). Likewise PE(1,1) in
  // cycle 4: a of tile 0 k=1 from row 1, b of tile 1 k=0 from PE(0,1).
  const auto tiles = tiles_of({{2, 3, 1}, {1, 3, 2}});
  EXPECT_TRUE(ref::run(2, 2, Dataflow::OutputStationary, tiles, {{0, 0}, {4, 4}}).hazards.empty());
  const ref::Result r = ref::run(2, 2, Dataflow::OutputStationary, tiles, {{0, 0}, {1, 1}});
  auto found = [&](Cycle cycle, int row, int col) {
    return std::any_of(r.hazards.begin(), r.hazards.end(), [&](const ref::Hazard& h) {
      return h.kind == ref::hazard::kOperandMismatch && h.cycle == cycle && h.row == row && h.col == col;
    });
  };
  EXPECT_TRUE(found(2, 0, 1)) << hazards_text(r, 20);
  EXPECT_TRUE(found(4, 1, 1)) << hazards_text(r, 20);
}

TEST(ReferenceHazards, OsAccumulatorBusyAndInactive) {
  // 1x1. Tile 1 (Kt=3) streams from cycle 0, tile 0 (Kt=1) in cycle 1: the edges keep tile 0 in cycle 1,
  // whose k = 0 finds the accumulator still active for tile 1; in cycle 2 tile 1's k = 2 finds it inactive.
  const auto tiles = tiles_of({{1, 1, 1}, {1, 3, 1}});
  const ref::Result r = ref::run(1, 1, Dataflow::OutputStationary, tiles, {{1, 1}, {0, 0}});
  EXPECT_TRUE(has_hazard(r, ref::hazard::kAccumulatorBusy)) << hazards_text(r);
  EXPECT_TRUE(has_hazard(r, ref::hazard::kAccumulatorInactive)) << hazards_text(r);
}

TEST(ReferenceHazards, OsDrainForeignResult) {
  // 2x1. Tile 1 (issued second, Mt=2) streams first, in cycle 0, and leaves results in S(0,0) and S(1,0).
  // Tile 0 (Mt=1) streams in cycle 5 and overwrites S(0,0). Tile 0, the oldest undrained, now holds all its
  // results, so its drain begins in cycle 6 with tile 1's result still in S(1,0).
  const auto tiles = tiles_of({{1, 1, 1}, {2, 1, 1}});
  const ref::Result r = ref::run(2, 1, Dataflow::OutputStationary, tiles, {{5, 5}, {0, 0}});
  EXPECT_TRUE(has_hazard(r, ref::hazard::kResultShadowFull)) << hazards_text(r);
  ASSERT_TRUE(has_hazard(r, ref::hazard::kDrainForeignResult)) << hazards_text(r);
  const auto it = std::find_if(r.hazards.begin(), r.hazards.end(), [](const ref::Hazard& h) {
    return h.kind == ref::hazard::kDrainForeignResult;
  });
  EXPECT_EQ(it->cycle, 6);
  EXPECT_EQ(it->row, 1);
  EXPECT_FALSE(r.finished);
}

TEST(ReferenceHazards, StopsAtTheFirstHazardWhenAsked) {
  // s = p flips an empty shadow in cycle 0 (two hazards at PE(0,0)); the run ends with that cycle.
  const auto tiles = tiles_of({{3, 2, 2}});
  ref::Options o;
  o.stop_at_first_hazard = true;
  const ref::Result r = ref::run(4, 4, Dataflow::WeightStationary, tiles, {{0, 0}}, o);
  ASSERT_FALSE(r.hazards.empty());
  for (const ref::Hazard& h : r.hazards) {
    EXPECT_EQ(h.cycle, 0);
  }
  EXPECT_EQ(r.cycles, 1);
  EXPECT_FALSE(r.finished);
}

TEST(ReferenceModel, RejectsMalformedCalls) {
  const auto tiles = tiles_of({{3, 5, 2}});
  EXPECT_THROW(ref::run(4, 4, Dataflow::WeightStationary, tiles, {{0, 1}}), std::invalid_argument);  // k > R
  EXPECT_THROW(ref::run(4, 4, Dataflow::WeightStationary, tiles, {}), std::invalid_argument);
  EXPECT_THROW(ref::run(0, 4, Dataflow::OutputStationary, tiles, {{0, 0}}), std::invalid_argument);
  EXPECT_NO_THROW(ref::run(4, 4, Dataflow::OutputStationary, tiles, {{0, 0}}));
  EXPECT_THROW(ref::run(4, 4, Dataflow::OutputStationary, tiles, {{0, -1}}), std::invalid_argument);
}

}  // namespace
}  // namespace systolica
