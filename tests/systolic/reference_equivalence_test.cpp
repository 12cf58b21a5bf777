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

namespace systolica {
namespace {

namespace ref = reference;

// ---------------------------------------------------------------------------------------------------------
// Helpers

ref::Tile make_tile(int m, int k, int n, std::mt19937& rng) {
  ref::Tile t;
  t.m = m;
  t.k = k;
  t.n = n;
  // Mostly uniform over the full int8 range; sometimes only the extremes, to stress the products.
  const bool extremes = std::uniform_int_distribution<int>(0, 7)(rng) == 0;
  std::uniform_int_distribution<int> full(-128, 127);
  std::uniform_int_distribution<int> coin(0, 1);
  auto value = [&]() -> std::int8_t {
    if (extremes) {
      return static_cast<std::int8_t>(coin(rng) ? -128 : 127);
    }
    return static_cast<std::int8_t>(full(rng));
  };
  t.a.resize(static_cast<std::size_t>(m) * k);
  t.b.resize(static_cast<std::size_t>(k) * n);
  for (auto& v : t.a) {
    v = value();
  }
  for (auto& v : t.b) {
    v = value();
  }
  return t;
}

// out = A x B with int8 products and sums wrapping modulo 2^32, by the book.
std::vector<std::int32_t> gemm(const ref::Tile& t) {
  std::vector<std::int32_t> out(static_cast<std::size_t>(t.m) * t.n);
  for (int i = 0; i < t.m; ++i) {
    for (int j = 0; j < t.n; ++j) {
      std::uint32_t sum = 0;
      for (int k = 0; k < t.k; ++k) {
        const std::int32_t p = static_cast<std::int32_t>(t.a[static_cast<std::size_t>(i) * t.k + k]) *
                               static_cast<std::int32_t>(t.b[static_cast<std::size_t>(k) * t.n + j]);
        sum += static_cast<std::uint32_t>(p);
      }
      out[static_cast<std::size_t>(i) * t.n + j] = static_cast<std::int32_t>(sum);
    }
  }
  return out;
}

struct Case {
  int rows = 1;
  int cols = 1;
  Dataflow dataflow = Dataflow::WeightStationary;
  std::vector<ref::Tile> tiles;
  std::vector<Cycle> not_before;  // per tile, passed to TileScheduler::schedule
  std::vector<bool> new_segment;  // per tile: begin_segment(not_before) first (a new layer; the hardware
                                  // state carries over, so the reference sees one continuous sequence)
};

TileSchedule schedule_next(TileScheduler& sched, const Case& c, std::size_t i) {
  if (i < c.new_segment.size() && c.new_segment[i]) {
    sched.begin_segment(c.not_before[i]);
  }
  const ref::Tile& t = c.tiles[i];
  return sched.schedule(TileExtent{t.m, t.k, t.n}, c.not_before[i]);
}

struct Scheduled {
  std::vector<TileSchedule> tiles;
  Cycle makespan = 0;       // of the last segment
  std::size_t segment = 0;  // index of the last segment's first tile
  Cycle segment_start = 0;
};

Scheduled schedule(const Case& c) {
  TileScheduler sched(c.rows, c.cols, c.dataflow);
  Scheduled out;
  for (std::size_t i = 0; i < c.tiles.size(); ++i) {
    if (i < c.new_segment.size() && c.new_segment[i]) {
      out.segment = i;
      out.segment_start = c.not_before[i];
    }
    out.tiles.push_back(schedule_next(sched, c, i));
  }
  out.makespan = sched.makespan();
  return out;
}

std::vector<ref::TileStart> starts_of(const Scheduled& s) {
  std::vector<ref::TileStart> starts;
  for (const TileSchedule& t : s.tiles) {
    starts.push_back(ref::TileStart{t.preload_start, t.stream_start});
  }
  return starts;
}

std::string describe(const Case& c, const Scheduled& s) {
  std::ostringstream o;
  o << to_string(c.dataflow) << " on " << c.rows << "x" << c.cols << ":";
  for (std::size_t i = 0; i < c.tiles.size(); ++i) {
    const ref::Tile& t = c.tiles[i];
    o << "\n  tile " << i << ": m=" << t.m << " k=" << t.k << " n=" << t.n
      << " not_before=" << c.not_before[i];
    if (i < c.new_segment.size() && c.new_segment[i]) {
      o << " (new segment)";
    }
    if (i < s.tiles.size()) {
      o << " -> p=" << s.tiles[i].preload_start << " s=" << s.tiles[i].stream_start
        << " end=" << s.tiles[i].stream_end << " done=" << s.tiles[i].done;
    }
  }
  return o.str();
}

std::string hazards_text(const ref::Result& r, std::size_t limit = 6) {
  std::string s;
  for (std::size_t i = 0; i < r.hazards.size() && i < limit; ++i) {
    s += "\n    " + ref::to_string(r.hazards[i]);
  }
  if (r.hazards.size() > limit) {
    s += "\n    ... " + std::to_string(r.hazards.size() - limit) + " more";
  }
  return s;
}

bool has_hazard(const ref::Result& r, std::string_view kind) {
  return std::any_of(r.hazards.begin(), r.hazards.end(),
                     [&](const ref::Hazard& h) { return h.kind == kind; });
}

// (a), (b), (c) for the schedule the closed form computed.
::testing::AssertionResult legal_correct_exact(const Case& c, const Scheduled& s) {
  const ref::Result r = ref::run(c.rows, c.cols, c.dataflow, c.tiles, starts_of(s));
  if (!r.hazards.empty()) {
    return ::testing::AssertionFailure() << "(a) the closed-form schedule has hazards:" << hazards_text(r);
  }
  if (!r.finished) {
    return ::testing::AssertionFailure() << "(a) the reference did not finish";
  }
  // (b) exactly one output per (tile, row, col), equal to the GEMM.
  std::vector<std::vector<std::int32_t>> want;
  std::vector<std::vector<int>> seen;
  for (const ref::Tile& t : c.tiles) {
    want.push_back(gemm(t));
    seen.emplace_back(static_cast<std::size_t>(t.m) * t.n, 0);
  }
  for (const ref::Output& o : r.outputs) {
    const ref::Tile& t = c.tiles[static_cast<std::size_t>(o.tile)];
    if (o.row < 0 || o.row >= t.m || o.col < 0 || o.col >= t.n) {
      return ::testing::AssertionFailure()
             << "(b) output outside tile " << o.tile << ": (" << o.row << "," << o.col << ")";
    }
    const std::size_t idx = static_cast<std::size_t>(o.row) * t.n + o.col;
    if (++seen[static_cast<std::size_t>(o.tile)][idx] != 1) {
      return ::testing::AssertionFailure()
             << "(b) output (" << o.row << "," << o.col << ") of tile " << o.tile << " left twice";
    }
    if (o.value != want[static_cast<std::size_t>(o.tile)][idx]) {
      return ::testing::AssertionFailure()
             << "(b) tile " << o.tile << " out[" << o.row << "][" << o.col << "] = " << o.value
             << ", GEMM says " << want[static_cast<std::size_t>(o.tile)][idx];
    }
  }
  for (std::size_t tau = 0; tau < c.tiles.size(); ++tau) {
    for (int v : seen[tau]) {
      if (v != 1) {
        return ::testing::AssertionFailure() << "(b) tile " << tau << " is missing outputs";
      }
    }
    // (c)
    if (r.last_output[tau] != s.tiles[tau].done) {
      return ::testing::AssertionFailure()
             << "(c) tile " << tau << ": last output in cycle " << r.last_output[tau]
             << ", closed form says done = " << s.tiles[tau].done;
    }
  }
  // makespan(): from the last segment's start to the last output of its tiles, inclusive.
  Cycle last = -1;
  for (std::size_t tau = s.segment; tau < c.tiles.size(); ++tau) {
    last = std::max(last, r.last_output[tau]);
  }
  if (s.makespan != last + 1 - s.segment_start) {
    return ::testing::AssertionFailure()
           << "makespan() = " << s.makespan << ", the reference says " << last + 1 - s.segment_start;
  }
  return ::testing::AssertionSuccess();
}

// (d): every start, moved one cycle earlier, is a hazard. Counts the variants it checked.
::testing::AssertionResult tight(const Case& c, const Scheduled& s, int* checked) {
  const std::vector<ref::TileStart> base = starts_of(s);
  ref::Options stop_early;
  stop_early.stop_at_first_hazard = true;
  const bool has_preload = c.dataflow != Dataflow::OutputStationary;
  for (std::size_t tau = 0; tau < c.tiles.size(); ++tau) {
    // A start equal to the operands' readiness (not_before) is bound by the caller, not the hardware.
    const Cycle floor = std::max<Cycle>(0, c.not_before[tau]);
    for (int which = 0; which < (has_preload ? 2 : 1); ++which) {
      std::vector<ref::TileStart> starts = base;
      Cycle& start = which == 0 ? starts[tau].stream_start : starts[tau].preload_start;
      if (start - 1 < floor) {
        continue;
      }
      --start;
      ++*checked;
      const ref::Result r = ref::run(c.rows, c.cols, c.dataflow, c.tiles, starts, stop_early);
      if (r.hazards.empty()) {
        return ::testing::AssertionFailure()
               << "(d) not tight: tile " << tau << " with its " << (which == 0 ? "stream" : "preload")
               << " start one cycle earlier is still legal";
      }
    }
  }
  return ::testing::AssertionSuccess();
}

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
