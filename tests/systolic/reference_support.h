#pragma once
// Shared by the reference-model tests: random tiles, the plain GEMM, schedules from the closed form, and
// the (a) legal / (b) correct / (c) exact / (d) tight checks of reference_equivalence_test.cpp.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "arch/systolic/dataflow.h"
#include "arch/systolic/tile_timing.h"
#include "tests/reference/pe_array_reference.h"

namespace systolica::reference_test {

namespace ref = reference;

// ---------------------------------------------------------------------------------------------------------
// Helpers

inline ref::Tile make_tile(int m, int k, int n, std::mt19937& rng) {
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
inline std::vector<std::int32_t> gemm(const ref::Tile& t) {
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

inline TileSchedule schedule_next(TileScheduler& sched, const Case& c, std::size_t i) {
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

inline Scheduled schedule(const Case& c) {
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

inline std::vector<ref::TileStart> starts_of(const Scheduled& s) {
  std::vector<ref::TileStart> starts;
  for (const TileSchedule& t : s.tiles) {
    starts.push_back(ref::TileStart{t.preload_start, t.stream_start});
  }
  return starts;
}

inline std::string describe(const Case& c, const Scheduled& s) {
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

inline std::string hazards_text(const ref::Result& r, std::size_t limit = 6) {
  std::string s;
  for (std::size_t i = 0; i < r.hazards.size() && i < limit; ++i) {
    s += "\n    " + ref::to_string(r.hazards[i]);
  }
  if (r.hazards.size() > limit) {
    s += "\n    ... " + std::to_string(r.hazards.size() - limit) + " more";
  }
  return s;
}

inline bool has_hazard(const ref::Result& r, std::string_view kind) {
  return std::any_of(r.hazards.begin(), r.hazards.end(),
                     [&](const ref::Hazard& h) { return h.kind == kind; });
}

// (a), (b), (c) for the schedule the closed form computed.
inline ::testing::AssertionResult legal_correct_exact(const Case& c, const Scheduled& s) {
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
inline ::testing::AssertionResult tight(const Case& c, const Scheduled& s, int* checked) {
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

}  // namespace systolica::reference_test
