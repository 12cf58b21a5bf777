// The closed-form tile timing (arch/systolic/tile_timing.h) against the cycle-stepped, PE-by-PE reference
// (tests/reference/pe_array_reference.h), both following docs/systolic_array.md.
//
// For random tile sequences on random arrays, the schedule TileScheduler computes must be
//   (a) legal: the reference sees no hazard;
//   (b) correct: every output equals a plain int8 GEMM of its tile, bit for bit;
//   (c) exact: each tile's last output leaves the reference in cycle TileSchedule::done;
//   (d) tight: starting any tile's streaming (or, WS/IS, its preload) one cycle earlier, all else kept,
//       makes the reference report a hazard.
// Hand-written cases pin exact cycle counts; the hazard tests show the reference does detect every hazard
// kind, so (a) and (d) are not vacuous.
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

// A value in [lo, hi], with the ends over-represented.
int pick(std::mt19937& rng, int lo, int hi) {
  if (lo >= hi) {
    return lo;
  }
  const int r = std::uniform_int_distribution<int>(0, 9)(rng);
  if (r < 2) {
    return lo;
  }
  if (r < 4) {
    return hi;
  }
  return std::uniform_int_distribution<int>(lo, hi)(rng);
}

Case random_case(std::mt19937& rng, Dataflow dataflow) {
  Case c;
  c.dataflow = dataflow;
  std::uniform_int_distribution<int> size(1, 16);
  switch (std::uniform_int_distribution<int>(0, 9)(rng)) {
    case 0:
      c.rows = c.cols = 1;
      break;
    case 1:
      c.rows = 1;
      c.cols = size(rng);
      break;
    case 2:
      c.rows = size(rng);
      c.cols = 1;
      break;
    case 3:
      c.rows = c.cols = size(rng);
      break;
    default:
      c.rows = size(rng);
      c.cols = size(rng);
      break;
  }
  const int R = c.rows;
  const int C = c.cols;
  const int count = std::uniform_int_distribution<int>(1, 6)(rng);
  // Some cases delay tiles with not_before (operands not ready), relative to where the previous tile
  // started, so that some delays bind and some do not.
  const bool delays = std::uniform_int_distribution<int>(0, 4)(rng) == 0;
  TileScheduler sched(R, C, dataflow);
  Cycle prev_start = 0;
  for (int i = 0; i < count; ++i) {
    int m = 1, k = 1, n = 1;
    switch (dataflow) {
      case Dataflow::WeightStationary:  // k on rows, n on columns, m streams; m > C hides the preload
        k = pick(rng, 1, R);
        n = pick(rng, 1, C);
        m = pick(rng, 1, 2 * C + 2);
        break;
      case Dataflow::InputStationary:  // k on rows, m on columns, n streams; n > C hides the preload
        k = pick(rng, 1, R);
        m = pick(rng, 1, C);
        n = pick(rng, 1, 2 * C + 2);
        break;
      case Dataflow::OutputStationary:  // m on rows, n on columns, k streams; k >= m+n+R-1 hides the drain
        m = pick(rng, 1, R);
        n = pick(rng, 1, C);
        k = pick(rng, 1, 2 * R + C + 2);
        break;
    }
    c.tiles.push_back(make_tile(m, k, n, rng));
    Cycle nb = 0;
    if (delays && std::uniform_int_distribution<int>(0, 1)(rng) == 0) {
      nb = prev_start + std::uniform_int_distribution<int>(0, 2 * (R + C) + 8)(rng);
    }
    c.not_before.push_back(nb);
    c.new_segment.push_back(nb > 0 && std::uniform_int_distribution<int>(0, 1)(rng) == 0);
    prev_start = schedule_next(sched, c, static_cast<std::size_t>(i)).stream_start;
  }
  return c;
}

// What the random cases exercised, so that a change to the generator cannot quietly lose a regime.
struct Coverage {
  int cases = 0, tiles = 0, variants = 0;  // variants: tightness probes run
  int one_by_one = 0, one_row = 0, one_col = 0, non_square = 0;
  int unit_extent = 0, full_extent = 0;  // a tile with some extent 1 / some extent equal to the array side
  int hidden = 0;   // a later tile streamed right after the previous one (preload / drain hidden)
  int exposed = 0;  // a later tile waited for the preload / drain (not for not_before)
  int port_bound = 0, flip_bound = 0;  // WS/IS: which term of the preload formula was the larger
  int delayed = 0;                     // not_before decided a start
  int segments = 0;                    // begin_segment calls between tiles
};

void count(const Case& c, const Scheduled& s, Coverage& cov) {
  ++cov.cases;
  cov.tiles += static_cast<int>(c.tiles.size());
  cov.one_by_one += c.rows == 1 && c.cols == 1;
  cov.one_row += c.rows == 1 && c.cols > 1;
  cov.one_col += c.rows > 1 && c.cols == 1;
  cov.non_square += c.rows != c.cols;
  const bool os = c.dataflow == Dataflow::OutputStationary;
  const bool is = c.dataflow == Dataflow::InputStationary;
  for (std::size_t i = 0; i < c.tiles.size(); ++i) {
    cov.segments += i > 0 && c.new_segment[i];
    const ref::Tile& t = c.tiles[i];
    const int on_rows = os ? t.m : t.k;
    const int on_cols = is ? t.m : t.n;
    cov.unit_extent += t.m == 1 || t.k == 1 || t.n == 1;
    cov.full_extent += on_rows == c.rows || on_cols == c.cols;
    const TileSchedule& now = s.tiles[i];
    const Cycle start = os ? now.stream_start : now.preload_start;
    if (c.not_before[i] > 0 && start == c.not_before[i]) {
      ++cov.delayed;
      continue;
    }
    if (i == 0) {
      continue;
    }
    const TileSchedule& prev = s.tiles[i - 1];
    if (now.stream_start == prev.stream_end) {
      ++cov.hidden;
    }
    if (now.stream_start > prev.stream_end) {
      ++cov.exposed;
    }
    if (!os) {
      const int prev_k = c.tiles[i - 1].k;
      cov.port_bound += prev.preload_start + prev_k > prev.stream_start + c.cols;
      cov.flip_bound += prev.preload_start + prev_k < prev.stream_start + c.cols;
    }
  }
}

void run_random(Dataflow dataflow, std::uint32_t seed, int cases) {
  std::mt19937 rng(seed);
  Coverage cov;
  int multi_tile = 0;
  for (int i = 0; i < cases; ++i) {
    const Case c = random_case(rng, dataflow);
    const Scheduled s = schedule(c);
    count(c, s, cov);
    multi_tile += c.tiles.size() > 1;
    ASSERT_TRUE(legal_correct_exact(c, s)) << "case " << i << ": " << describe(c, s);
    ASSERT_TRUE(tight(c, s, &cov.variants)) << "case " << i << ": " << describe(c, s);
  }
  // The tightness check must have had something to check: every later tile has at least one start.
  EXPECT_GE(cov.variants, multi_tile);
  EXPECT_GT(cov.one_by_one, 0);
  EXPECT_GT(cov.one_row, 0);
  EXPECT_GT(cov.one_col, 0);
  EXPECT_GT(cov.non_square, 0);
  EXPECT_GT(cov.unit_extent, 0);
  EXPECT_GT(cov.full_extent, 0);
  EXPECT_GT(cov.hidden, 0);
  EXPECT_GT(cov.exposed, 0);
  EXPECT_GT(cov.delayed, 0);
  EXPECT_GT(cov.segments, 0);
  if (dataflow != Dataflow::OutputStationary) {
    EXPECT_GT(cov.port_bound, 0);
    EXPECT_GT(cov.flip_bound, 0);
  }
  std::cout << "[          ] " << to_string(dataflow) << ": " << cov.cases << " cases, " << cov.tiles
            << " tiles, " << cov.variants << " tightness probes; arrays 1x1 " << cov.one_by_one << ", 1xC "
            << cov.one_row << ", Rx1 " << cov.one_col << ", non-square " << cov.non_square
            << "; later tiles hidden " << cov.hidden << ", exposed " << cov.exposed << ", port-bound "
            << cov.port_bound << ", flip-bound " << cov.flip_bound << ", delayed " << cov.delayed
            << ", new segments " << cov.segments << "\n";
}

// ---------------------------------------------------------------------------------------------------------
// (a)-(d) on random cases

TEST(ReferenceEquivalence, WeightStationaryRandom) {
  run_random(Dataflow::WeightStationary, 20240501u, 1000);
}
TEST(ReferenceEquivalence, OutputStationaryRandom) {
  run_random(Dataflow::OutputStationary, 20240502u, 1000);
}
TEST(ReferenceEquivalence, InputStationaryRandom) {
  run_random(Dataflow::InputStationary, 20240503u, 1000);
}

// Beyond one-cycle tightness: random perturbations of the closed-form schedule (each start moved by up to
// 3 cycles either way). Whatever the reference accepts without a hazard must compute the right outputs
// (hazard detection is complete enough for correctness), and if it keeps the tiles in issue order it can
// start no tile earlier than the closed form does (the closed form is the earliest legal schedule, not
// just locally tight).
void run_perturbed(Dataflow dataflow, std::uint32_t seed, int cases) {
  std::mt19937 rng(seed);
  int legal = 0;      // perturbed schedules the reference accepted
  int in_order = 0;   // ... of which kept the issue order
  int different = 0;  // ... and differed from the closed form
  int reordered = 0;  // WS/IS sequences streamed out of issue order
  ref::Options stop_early;
  stop_early.stop_at_first_hazard = true;
  for (int i = 0; i < cases; ++i) {
    Case c = random_case(rng, dataflow);
    std::fill(c.not_before.begin(), c.not_before.end(), 0);  // the closed form then depends on hardware only
    std::fill(c.new_segment.begin(), c.new_segment.end(), false);
    const Scheduled s = schedule(c);
    const std::vector<ref::TileStart> base = starts_of(s);
    for (int trial = 0; trial < 4; ++trial) {
      std::vector<ref::TileStart> starts = base;
      std::uniform_int_distribution<int> shift(-3, 3);
      for (ref::TileStart& t : starts) {
        if (rng() % 2) {
          t.stream_start = std::max<Cycle>(0, t.stream_start + shift(rng));
        }
        if (rng() % 2) {
          t.preload_start = std::max<Cycle>(0, t.preload_start + shift(rng));
        }
      }
      const ref::Result r = ref::run(c.rows, c.cols, dataflow, c.tiles, starts, stop_early);
      if (!r.hazards.empty()) {
        continue;
      }
      ++legal;
      ASSERT_TRUE(r.finished) << describe(c, s);
      for (const ref::Output& o : r.outputs) {
        const ref::Tile& t = c.tiles[static_cast<std::size_t>(o.tile)];
        ASSERT_EQ(o.value, gemm(t)[static_cast<std::size_t>(o.row) * t.n + o.col])
            << "a hazard-free schedule computed a wrong value; " << describe(c, s);
      }
      bool ordered = true;
      bool same = true;
      for (std::size_t tau = 0; tau < starts.size(); ++tau) {
        if (tau > 0) {
          ordered = ordered && starts[tau].stream_start > starts[tau - 1].stream_start;
        }
        same =
            same && starts[tau].stream_start == base[tau].stream_start &&
            (dataflow == Dataflow::OutputStationary || starts[tau].preload_start == base[tau].preload_start);
      }
      if (!ordered) {
        continue;
      }
      ++in_order;
      different += !same;
      for (std::size_t tau = 0; tau < starts.size(); ++tau) {
        ASSERT_GE(starts[tau].stream_start, base[tau].stream_start)
            << "tile " << tau << " streams earlier than the closed form allows; " << describe(c, s);
        if (dataflow != Dataflow::OutputStationary) {
          ASSERT_GE(starts[tau].preload_start, base[tau].preload_start)
              << "tile " << tau << " preloads earlier than the closed form allows; " << describe(c, s);
        }
      }
    }
    // The same tiles streamed in another order than they were issued (tags are the issue order). WS/IS
    // do not care; OS drains the oldest issued tile first, so a younger tile finishing first is a hazard.
    if (c.tiles.size() < 2) {
      continue;
    }
    std::vector<std::size_t> order(c.tiles.size());
    for (std::size_t tau = 0; tau < order.size(); ++tau) {
      order[tau] = tau;
    }
    std::shuffle(order.begin(), order.end(), rng);
    if (std::is_sorted(order.begin(), order.end())) {
      std::swap(order[0], order[1]);
    }
    TileScheduler sched(c.rows, c.cols, dataflow);
    std::vector<ref::TileStart> starts(c.tiles.size());
    std::vector<Cycle> done(c.tiles.size());
    for (std::size_t tau : order) {
      const ref::Tile& t = c.tiles[tau];
      const TileSchedule ts = sched.schedule(TileExtent{t.m, t.k, t.n});
      starts[tau] = ref::TileStart{ts.preload_start, ts.stream_start};
      done[tau] = ts.done;
    }
    const ref::Result r = ref::run(c.rows, c.cols, dataflow, c.tiles, starts);
    if (dataflow == Dataflow::OutputStationary) {
      ASSERT_FALSE(r.hazards.empty()) << "out of issue order; " << describe(c, s);
      continue;
    }
    ++reordered;
    ASSERT_TRUE(r.hazards.empty()) << "out of issue order:" << hazards_text(r) << "\n" << describe(c, s);
    ASSERT_TRUE(r.finished);
    for (const ref::Output& o : r.outputs) {
      const ref::Tile& t = c.tiles[static_cast<std::size_t>(o.tile)];
      ASSERT_EQ(o.value, gemm(t)[static_cast<std::size_t>(o.row) * t.n + o.col]) << describe(c, s);
    }
    for (std::size_t tau = 0; tau < c.tiles.size(); ++tau) {
      ASSERT_EQ(r.last_output[tau], done[tau]);
    }
  }
  EXPECT_GT(different, 0);
  std::cout << "[          ] " << to_string(dataflow) << ": " << 4 * cases << " perturbed schedules, "
            << legal << " hazard-free, " << in_order << " of them in issue order, " << different
            << " of those different from the closed form; " << reordered << " reordered sequences\n";
}

TEST(ReferenceEquivalence, WeightStationaryNoLegalScheduleIsEarlier) {
  run_perturbed(Dataflow::WeightStationary, 7001u, 400);
}
TEST(ReferenceEquivalence, OutputStationaryNoLegalScheduleIsEarlier) {
  run_perturbed(Dataflow::OutputStationary, 7002u, 400);
}
TEST(ReferenceEquivalence, InputStationaryNoLegalScheduleIsEarlier) {
  run_perturbed(Dataflow::InputStationary, 7003u, 400);
}

}  // namespace
}  // namespace systolica
