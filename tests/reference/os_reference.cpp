// The output-stationary array of docs/systolic_array.md, "Output-stationary", register by register.
//
// PE(i, j) holds Areg (passed right), Breg (passed down), the accumulator ACC and the output shadow S.
// Each cycle t:
//   0. at the start of the cycle, if no drain is running and every PE (i < Mt, j < Nt) of the oldest
//      undrained tile holds its result in S, a drain of R cycles begins;
//   1. the left edge presents A[i][k] on row i < Mt in cycle s + i + k, the top edge B[k][j] on column
//      j < Nt in cycle s + j + k, with last = (k == Kt-1);
//   2. every PE takes `a` from its left (edge, or PE(i, j-1).Areg of cycle t-1) and `b` from above (edge,
//      or PE(i-1, j).Breg of cycle t-1); with both valid it MACs into ACC, and on `last` moves the result
//      to S; Areg = a, Breg = b;
//   3. in drain cycle d the bottom of every column emits S(R-1, j) if full, then every column shifts down.
// All checks read the state at the start of the cycle (`cur`); all writes go to `next`.
#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "tests/reference/reference_internal.h"

namespace systolica::reference::detail {
namespace {

struct Operand {  // Areg, Breg, and what an edge presents
  bool valid = false;
  bool last = false;
  std::int8_t value = 0;
  int tag = -1;
  int k = 0;
};

struct Accumulator {  // ACC
  std::uint32_t value = 0;
  int tag = -1;
  bool active = false;
};

struct ResultShadow {  // S
  std::uint32_t value = 0;
  int tag = -1;
  int row = 0;  // the output's identity out[row][col] in its tile
  int col = 0;
  bool full = false;
};

struct Pe {
  Operand a;
  Operand b;
  Accumulator acc;
  ResultShadow s;
};

std::string tile_k(int tag, int k) {
  return "tile " + std::to_string(tag) + " k " + std::to_string(k);
}

}  // namespace

Result run_output_stationary(int rows, int cols, const std::vector<Tile>& tiles,
                             const std::vector<TileStart>& starts, const Options& options) {
  Recorder rec(tiles, options);
  const int count = static_cast<int>(tiles.size());

  Cycle last_event = -1;  // the last cycle an edge presents anything
  for (int tau = 0; tau < count; ++tau) {
    const Tile& t = tiles[tau];
    last_event = std::max(last_event, starts[tau].stream_start + (t.k - 1) + std::max(t.m, t.n) - 1);
  }
  // Generous: operands cross the array, then every tile may still need its own R-cycle drain.
  const Cycle bound =
      last_event + 4 * static_cast<Cycle>(rows + cols) + static_cast<Cycle>(rows + 1) * count + 64;

  std::vector<Pe> cur(static_cast<std::size_t>(rows) * cols);
  std::vector<Pe> next;
  std::vector<Operand> left(static_cast<std::size_t>(rows));
  std::vector<Operand> top(static_cast<std::size_t>(cols));
  auto at = [cols](std::vector<Pe>& v, int i, int j) -> Pe& {
    return v[static_cast<std::size_t>(i) * cols + j];
  };

  bool draining = false;  // a drain is in progress in this cycle
  int drain_step = 0;     // d, while draining
  int drain_tile = -1;
  int oldest_undrained = 0;

  Cycle t = 0;
  bool hit_bound = false;
  for (;; ++t) {
    // 0. Does a drain begin? Decided on the start-of-cycle state.
    if (!draining && oldest_undrained < count) {
      const Tile& tl = tiles[oldest_undrained];
      bool ready = true;
      for (int i = 0; i < tl.m && ready; ++i) {
        for (int j = 0; j < tl.n && ready; ++j) {
          const ResultShadow& s = at(cur, i, j).s;
          ready = s.full && s.tag == oldest_undrained && s.row == i && s.col == j;
        }
      }
      if (ready) {
        draining = true;
        drain_step = 0;
        drain_tile = oldest_undrained++;
        for (int i = 0; i < rows; ++i) {
          for (int j = 0; j < cols; ++j) {
            const ResultShadow& s = at(cur, i, j).s;
            if (s.full && s.tag != drain_tile) {
              rec.hazard(t, i, j, hazard::kDrainForeignResult,
                         "draining tile " + std::to_string(drain_tile) + ", shadow holds tile " +
                             std::to_string(s.tag));
            }
          }
        }
      }
    }

    // Stop once past every edge event, with no drain running, and either everything is out or no operand
    // is left in flight (then nothing can change any more: a drain would have begun just above).
    if (t > last_event && !draining) {
      if (rec.all_out()) {
        break;
      }
      const bool in_flight =
          std::any_of(cur.begin(), cur.end(), [](const Pe& pe) { return pe.a.valid || pe.b.valid; });
      if (!in_flight) {
        break;
      }
    }
    if (t > bound) {
      hit_bound = true;
      break;
    }

    // 1. Edges. On a conflict the earlier-issued tile keeps the edge.
    for (int i = 0; i < rows; ++i) {
      Operand& e = left[static_cast<std::size_t>(i)];
      e = Operand{};
      for (int tau = 0; tau < count; ++tau) {
        const Tile& tl = tiles[tau];
        const Cycle k = t - starts[tau].stream_start - i;
        if (i >= tl.m || k < 0 || k >= tl.k) {
          continue;
        }
        if (e.valid) {
          rec.hazard(t, i, -1, hazard::kLeftEdgeConflict,
                     tile_k(e.tag, e.k) + " and " + tile_k(tau, static_cast<int>(k)));
          continue;
        }
        e = Operand{true, k == tl.k - 1, tl.a[static_cast<std::size_t>(i) * tl.k + k], tau,
                    static_cast<int>(k)};
      }
    }
    for (int j = 0; j < cols; ++j) {
      Operand& e = top[static_cast<std::size_t>(j)];
      e = Operand{};
      for (int tau = 0; tau < count; ++tau) {
        const Tile& tl = tiles[tau];
        const Cycle k = t - starts[tau].stream_start - j;
        if (j >= tl.n || k < 0 || k >= tl.k) {
          continue;
        }
        if (e.valid) {
          rec.hazard(t, -1, j, hazard::kTopEdgeConflict,
                     tile_k(e.tag, e.k) + " and " + tile_k(tau, static_cast<int>(k)));
          continue;
        }
        e = Operand{true, k == tl.k - 1, tl.b[static_cast<std::size_t>(k) * tl.n + j], tau,
                    static_cast<int>(k)};
      }
    }

    next = cur;

    // 3 (first half). The drain shift chain: emit the bottom row, shift every column down. PE writes below
    // land after the shift (a write during a drain is a hazard anyway).
    if (draining) {
      for (int j = 0; j < cols; ++j) {
        const ResultShadow& s = at(cur, rows - 1, j).s;
        if (s.full) {
          rec.output(s.tag, s.row, s.col, s.value, t);
        }
        for (int i = rows - 1; i > 0; --i) {
          at(next, i, j).s = at(cur, i - 1, j).s;
        }
        at(next, 0, j).s = ResultShadow{};
      }
    }

    // 2. Every PE, from the start-of-cycle state.
    for (int i = 0; i < rows; ++i) {
      for (int j = 0; j < cols; ++j) {
        const Operand a = (j == 0) ? left[static_cast<std::size_t>(i)] : at(cur, i, j - 1).a;
        const Operand b = (i == 0) ? top[static_cast<std::size_t>(j)] : at(cur, i - 1, j).b;
        const Pe& now = at(cur, i, j);
        Pe& nxt = at(next, i, j);
        nxt.a = a;
        nxt.b = b;
        if (!a.valid || !b.valid) {
          continue;  // one operand only: no MAC, both pass on
        }
        if (a.tag != b.tag || a.k != b.k) {
          rec.hazard(t, i, j, hazard::kOperandMismatch,
                     "a of " + tile_k(a.tag, a.k) + ", b of " + tile_k(b.tag, b.k));
          continue;
        }
        Accumulator acc = now.acc;
        if (a.k == 0) {
          if (now.acc.active) {
            rec.hazard(t, i, j, hazard::kAccumulatorBusy,
                       tile_k(a.tag, a.k) + " found the accumulator of tile " + std::to_string(now.acc.tag));
          }
          acc = Accumulator{product(a.value, b.value), a.tag, true};
        } else {
          if (!now.acc.active || now.acc.tag != a.tag) {
            rec.hazard(
                t, i, j, hazard::kAccumulatorInactive,
                tile_k(a.tag, a.k) + " found the accumulator " +
                    (now.acc.active ? "of tile " + std::to_string(now.acc.tag) : std::string("inactive")));
          }
          acc = Accumulator{now.acc.value + product(a.value, b.value), a.tag, true};
        }
        if (a.last) {
          if (now.s.full) {
            rec.hazard(
                t, i, j, hazard::kResultShadowFull,
                "tile " + std::to_string(a.tag) + " found the result of tile " + std::to_string(now.s.tag));
          }
          if (draining) {
            rec.hazard(
                t, i, j, hazard::kResultDuringDrain,
                "tile " + std::to_string(a.tag) + " during the drain of tile " + std::to_string(drain_tile));
          }
          nxt.s = ResultShadow{acc.value, a.tag, i, j, true};
          acc.active = false;
        }
        nxt.acc = acc;
      }
    }

    // 3 (second half). Count the drain cycle.
    if (draining && ++drain_step == rows) {
      draining = false;
    }

    cur.swap(next);
    if (rec.stop()) {
      ++t;
      break;
    }
  }
  return rec.finish(t, hit_bound);
}

}  // namespace systolica::reference::detail
