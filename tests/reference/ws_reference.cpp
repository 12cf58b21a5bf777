// The weight-stationary array of docs/systolic_array.md, "Weight-stationary", register by register.
//
// PE(i, j) holds W (active weight), Ws (shadow weight), Areg (activation passed right) and P (partial sum
// passed down). Each cycle t:
//   1. the activation edge presents A[m][i] on row i in cycle s + m + i (i < Kt), first = (m == 0);
//   2. every PE takes `a` from its left (edge, or PE(i, j-1).Areg of cycle t-1) and `pin` from above
//      (nothing for row 0, else PE(i-1, j).P of cycle t-1): a first activation flips W = Ws; a valid
//      activation computes P = pin + a * W; an invalid one passes P = pin; Areg = a;
//   3. the weight port writes Ws of row r = t - p (r < Kt): B[r][j] for j < Nt, 0 beyond;
//   4. the bottom row's P of column j < Nt of its tile is output (m, j) in the cycle it was computed.
// All checks read the state at the start of the cycle (`cur`); all writes go to `next`.
#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "tests/reference/reference_internal.h"

namespace systolica::reference::detail {
namespace {

struct Weight {  // W
  std::int8_t value = 0;
  int tag = -1;  // tile; -1: never loaded
};

struct Shadow {  // Ws
  std::int8_t value = 0;
  int tag = -1;
  bool full = false;
};

struct Activation {  // Areg, and what an edge presents
  bool valid = false;
  bool first = false;
  std::int8_t value = 0;
  int tag = -1;
  int m = 0;
};

struct PartialSum {  // P
  bool valid = false;
  std::uint32_t value = 0;
  int tag = -1;
  int m = 0;
};

struct Pe {
  Weight w;
  Shadow ws;
  Activation a;
  PartialSum p;
};

std::string tile_m(int tag, int m) {
  return "tile " + std::to_string(tag) + " m " + std::to_string(m);
}

}  // namespace

Result run_weight_stationary(int rows, int cols, const std::vector<Tile>& tiles,
                             const std::vector<TileStart>& starts, const Options& options) {
  Recorder rec(tiles, options);
  const int count = static_cast<int>(tiles.size());

  // The last cycle in which an edge or the port does anything; past it, only what is in flight moves.
  Cycle last_event = -1;
  for (int tau = 0; tau < count; ++tau) {
    const Tile& t = tiles[tau];
    last_event = std::max(
        {last_event, starts[tau].preload_start + t.k - 1, starts[tau].stream_start + (t.m - 1) + (t.k - 1)});
  }
  // Generous: anything that entered crosses at most `cols` columns and `rows` rows after the last event.
  const Cycle bound = last_event + 4 * static_cast<Cycle>(rows + cols) + 64;

  std::vector<Pe> cur(static_cast<std::size_t>(rows) * cols);
  std::vector<Pe> next;
  std::vector<Activation> edge(static_cast<std::size_t>(rows));
  auto at = [cols](std::vector<Pe>& v, int i, int j) -> Pe& {
    return v[static_cast<std::size_t>(i) * cols + j];
  };

  Cycle t = 0;
  bool hit_bound = false;
  for (;; ++t) {
    // Stop once past every edge/port event and either everything is out or nothing is left in flight.
    if (t > last_event) {
      if (rec.all_out()) {
        break;
      }
      const bool in_flight =
          std::any_of(cur.begin(), cur.end(), [](const Pe& pe) { return pe.a.valid || pe.p.valid; });
      if (!in_flight) {
        break;
      }
      if (t > bound) {
        hit_bound = true;
        break;
      }
    }

    // 1. Activation edge. On a conflict the earlier-issued tile keeps the row.
    for (int i = 0; i < rows; ++i) {
      Activation& e = edge[static_cast<std::size_t>(i)];
      e = Activation{};
      for (int tau = 0; tau < count; ++tau) {
        const Tile& tl = tiles[tau];
        const Cycle m = t - starts[tau].stream_start - i;
        if (i >= tl.k || m < 0 || m >= tl.m) {
          continue;
        }
        if (e.valid) {
          rec.hazard(t, i, -1, hazard::kActivationEdgeConflict,
                     tile_m(e.tag, e.m) + " and " + tile_m(tau, static_cast<int>(m)));
          continue;
        }
        e.valid = true;
        e.first = (m == 0);
        e.value = tl.a[static_cast<std::size_t>(m) * tl.k + i];
        e.tag = tau;
        e.m = static_cast<int>(m);
      }
    }

    // 2. Every PE, from the start-of-cycle state.
    next = cur;  // W and Ws keep their value unless flipped or written below; Areg and P are rewritten
    for (int i = 0; i < rows; ++i) {
      for (int j = 0; j < cols; ++j) {
        const Activation a = (j == 0) ? edge[static_cast<std::size_t>(i)] : at(cur, i, j - 1).a;
        const PartialSum pin = (i == 0) ? PartialSum{} : at(cur, i - 1, j).p;
        const Pe& now = at(cur, i, j);
        Pe& nxt = at(next, i, j);

        // The weight this activation multiplies: a first activation takes the shadow (the flip travels
        // with it), any other the active weight.
        Weight w = now.w;
        if (a.valid && a.first) {
          if (!now.ws.full || now.ws.tag != a.tag) {
            rec.hazard(t, i, j, hazard::kFlipWithoutShadow,
                       tile_m(a.tag, a.m) + " found shadow " +
                           (now.ws.full ? "of tile " + std::to_string(now.ws.tag) : std::string("empty")));
          }
          w = Weight{now.ws.value, now.ws.tag};
          nxt.w = w;
          nxt.ws.full = false;
        }

        if (a.valid) {
          if (w.tag != a.tag) {
            rec.hazard(t, i, j, hazard::kWeightTagMismatch,
                       tile_m(a.tag, a.m) + " found the weight of tile " + std::to_string(w.tag));
          }
          if (pin.valid && (pin.tag != a.tag || pin.m != a.m)) {
            rec.hazard(t, i, j, hazard::kPartialSumMismatch,
                       tile_m(a.tag, a.m) + " found the partial sum of " + tile_m(pin.tag, pin.m));
          }
          nxt.p = PartialSum{true, (pin.valid ? pin.value : 0u) + product(a.value, w.value), a.tag, a.m};
        } else {
          nxt.p = pin;  // partial sums pass through rows the tile does not use
        }
        nxt.a = a;
      }
    }

    // 3. Weight port: one array row per cycle. On a conflict the earlier-issued tile keeps the port.
    int writer = -1;
    int write_row = 0;
    for (int tau = 0; tau < count; ++tau) {
      const Cycle r = t - starts[tau].preload_start;
      if (r < 0 || r >= tiles[tau].k) {
        continue;
      }
      if (writer >= 0) {
        rec.hazard(t, static_cast<int>(r), -1, hazard::kWeightPortConflict,
                   "tile " + std::to_string(writer) + " row " + std::to_string(write_row) + " and tile " +
                       std::to_string(tau) + " row " + std::to_string(r));
        continue;
      }
      writer = tau;
      write_row = static_cast<int>(r);
    }
    if (writer >= 0) {
      const Tile& tl = tiles[writer];
      for (int j = 0; j < cols; ++j) {
        const Pe& now = at(cur, write_row, j);
        if (now.ws.full) {
          rec.hazard(t, write_row, j, hazard::kShadowOverwritten,
                     "tile " + std::to_string(writer) + " overwrites the shadow of tile " +
                         std::to_string(now.ws.tag));
        }
        const std::int8_t v =
            j < tl.n ? tl.b[static_cast<std::size_t>(write_row) * tl.n + j] : std::int8_t{0};
        at(next, write_row, j).ws = Shadow{v, writer, true};
      }
    }

    // 4. Outputs: the bottom row's P, in the cycle it was computed.
    for (int j = 0; j < cols; ++j) {
      const PartialSum& p = at(next, rows - 1, j).p;
      if (p.valid && p.tag >= 0 && j < tiles[p.tag].n) {
        rec.output(p.tag, p.m, j, p.value, t);
      }
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
