// The reference model's entry point: validation, the input-stationary transposition, bookkeeping.
// The arrays themselves are in ws_reference.cpp and os_reference.cpp.
#include "tests/reference/pe_array_reference.h"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <utility>

#include "tests/reference/reference_internal.h"

namespace systolica::reference {

std::string to_string(const Hazard& h) {
  std::string where;
  if (h.row >= 0 && h.col >= 0) {
    where = "PE(" + std::to_string(h.row) + "," + std::to_string(h.col) + ")";
  } else if (h.row >= 0) {
    where = "row " + std::to_string(h.row);
  } else if (h.col >= 0) {
    where = "column " + std::to_string(h.col);
  } else {
    where = "array";
  }
  std::string s = "cycle " + std::to_string(h.cycle) + ", " + where + ": " + h.kind;
  if (!h.detail.empty()) {
    s += " (" + h.detail + ")";
  }
  return s;
}

namespace detail {

Recorder::Recorder(const std::vector<Tile>& tiles, const Options& options)
    : stop_at_first_(options.stop_at_first_hazard) {
  for (const Tile& t : tiles) {
    n_.push_back(t.n);
    emitted_.emplace_back(static_cast<std::size_t>(t.m) * t.n, false);
    expected_ += static_cast<std::int64_t>(t.m) * t.n;
  }
  result_.last_output.assign(tiles.size(), -1);
}

void Recorder::hazard(Cycle cycle, int row, int col, std::string_view kind, std::string detail) {
  result_.hazards.push_back(Hazard{cycle, row, col, std::string(kind), std::move(detail)});
  if (stop_at_first_) {
    stop_ = true;
  }
}

void Recorder::output(int tile, int row, int col, std::uint32_t value, Cycle cycle) {
  result_.outputs.push_back(Output{tile, row, col, as_int32(value), cycle});
  auto& last = result_.last_output[static_cast<std::size_t>(tile)];
  last = std::max(last, cycle);
  auto& row_major = emitted_[static_cast<std::size_t>(tile)];
  auto seen = row_major[static_cast<std::size_t>(row) * static_cast<std::size_t>(n_[tile]) + col];
  if (!seen) {
    seen = true;
    ++distinct_;
  }
}

Result Recorder::finish(Cycle cycles, bool hit_bound) {
  result_.cycles = cycles;
  result_.finished = all_out();
  if (!result_.finished && !stop_) {
    hazard(cycles, -1, -1, hazard::kDidNotFinish,
           std::to_string(missing()) + " outputs never left the array" +
               (hit_bound ? " (cycle bound reached)" : " (nothing left in flight)"));
  }
  return std::move(result_);
}

}  // namespace detail

namespace {

void validate(int rows, int cols, Dataflow dataflow, const std::vector<Tile>& tiles,
              const std::vector<TileStart>& starts) {
  if (rows < 1 || cols < 1) {
    throw std::invalid_argument("reference: array needs at least one row and column");
  }
  if (tiles.size() != starts.size()) {
    throw std::invalid_argument("reference: one start per tile");
  }
  for (std::size_t i = 0; i < tiles.size(); ++i) {
    const Tile& t = tiles[i];
    const std::string name = "reference: tile " + std::to_string(i);
    if (t.m < 1 || t.k < 1 || t.n < 1) {
      throw std::invalid_argument(name + " has a non-positive extent");
    }
    if (t.a.size() != static_cast<std::size_t>(t.m) * t.k ||
        t.b.size() != static_cast<std::size_t>(t.k) * t.n) {
      throw std::invalid_argument(name + ": operand sizes do not match its extents");
    }
    bool fits = false;
    switch (dataflow) {
      case Dataflow::WeightStationary:
        fits = t.k <= rows && t.n <= cols;
        break;
      case Dataflow::OutputStationary:
        fits = t.m <= rows && t.n <= cols;
        break;
      case Dataflow::InputStationary:
        fits = t.k <= rows && t.m <= cols;
        break;
    }
    if (!fits) {
      throw std::invalid_argument(name + " does not fit the array");
    }
    if (starts[i].stream_start < 0 ||
        (dataflow != Dataflow::OutputStationary && starts[i].preload_start < 0)) {
      throw std::invalid_argument(name + " starts before cycle 0");
    }
  }
}

// out^T[n][m] = B^T[n][k] x A^T[k][m]: B^T streams (the WS "activations"), A^T is held (the WS "weights").
Tile transpose(const Tile& t) {
  Tile u;
  u.m = t.n;
  u.k = t.k;
  u.n = t.m;
  u.a.resize(static_cast<std::size_t>(u.m) * u.k);
  u.b.resize(static_cast<std::size_t>(u.k) * u.n);
  for (int x = 0; x < t.n; ++x) {
    for (int y = 0; y < t.k; ++y) {
      u.a[static_cast<std::size_t>(x) * u.k + y] = t.b[static_cast<std::size_t>(y) * t.n + x];
    }
  }
  for (int y = 0; y < t.k; ++y) {
    for (int x = 0; x < t.m; ++x) {
      u.b[static_cast<std::size_t>(y) * u.n + x] = t.a[static_cast<std::size_t>(x) * t.k + y];
    }
  }
  return u;
}

}  // namespace

Result run(int rows, int cols, Dataflow dataflow, const std::vector<Tile>& tiles,
           const std::vector<TileStart>& starts, const Options& options) {
  validate(rows, cols, dataflow, tiles, starts);
  switch (dataflow) {
    case Dataflow::WeightStationary:
      return detail::run_weight_stationary(rows, cols, tiles, starts, options);
    case Dataflow::OutputStationary:
      return detail::run_output_stationary(rows, cols, tiles, starts, options);
    case Dataflow::InputStationary: {
      std::vector<Tile> transposed;
      transposed.reserve(tiles.size());
      for (const Tile& t : tiles) {
        transposed.push_back(transpose(t));
      }
      Result r = detail::run_weight_stationary(rows, cols, transposed, starts, options);
      for (Output& o : r.outputs) {
        std::swap(o.row, o.col);  // out^T[n][m] is out[m][n]
      }
      return r;
    }
  }
  throw std::invalid_argument("reference: unknown dataflow");
}

}  // namespace systolica::reference
