#pragma once
// The closed-form timing of tiles on the systolic array: the one place that knows how many cycles a tile
// takes. docs/systolic_array.md derives every term; tests/reference/ proves it exact against a PE-by-PE,
// cycle-stepped model. Plain C++: no SystemC here.
#include <cstdint>

#include "arch/systolic/dataflow.h"

namespace systolica {

using Cycle = std::int64_t;  // cycles of the core clock domain

// One tile, in GEMM terms: out[m][n] (+)= A[m][k] x B[k][n].
struct TileExtent {
  int m = 1;  // output pixels
  int k = 1;  // reduction
  int n = 1;  // output channels
  bool diagonal = false;  // depthwise: only the k x k diagonal of B is non-zero, m x k useful MACs
  std::int64_t useful_macs() const {
    return static_cast<std::int64_t>(m) * k * (diagonal ? 1 : n);
  }
};

struct TileSchedule {
  Cycle preload_start = 0;  // WS/IS: first cycle of the weight-port writes (equals stream_start for OS)
  Cycle stream_start = 0;   // first cycle an operand enters the array edge
  Cycle stream_end = 0;     // one past the last cycle row 0 (WS) or the top-left corner (OS) streams this
                            // tile: the edge the next tile waits for; skewed rows stream a little longer
  Cycle done = 0;           // cycle in which the tile's last output leaves the array
};

// Where a sequence of tiles spent its cycles; the parts add up to `total`.
struct CycleBreakdown {
  Cycle total = 0;
  double compute = 0;     // MACs / (rows x cols)
  double underuse = 0;    // streaming cycles not doing MACs in every PE
  Cycle preload = 0;      // WS/IS: edges idle waiting for weights (including the first preload)
  Cycle drain = 0;        // OS: edges idle waiting for the previous tile's drain
  Cycle fill_drain = 0;   // end of the last tile's streaming to its last output
  Cycle memory = 0;       // edges idle because a tile's operands were not ready yet (not_before)

  CycleBreakdown& operator+=(const CycleBreakdown& o) {
    total += o.total;
    compute += o.compute;
    underuse += o.underuse;
    preload += o.preload;
    drain += o.drain;
    fill_drain += o.fill_drain;
    memory += o.memory;
    return *this;
  }
};

// What the PEs did beyond MACs, for the energy model: register activity, counted per tile.
struct ArrayActivity {
  // Operand vectors streamed through the array edge, one per streaming cycle (skew and fill excluded):
  // per tile m activation rows (WS), n weight columns (IS) or k reduction steps (OS).
  std::int64_t stream_steps = 0;
  std::int64_t preloads = 0;       // tiles that wrote stationary operands into the PEs (WS, IS: every tile)
  std::int64_t output_drains = 0;  // tiles whose outputs were shifted out of the PEs (OS: every tile)

  ArrayActivity& operator+=(const ArrayActivity& o) {
    stream_steps += o.stream_steps;
    preloads += o.preloads;
    output_drains += o.output_drains;
    return *this;
  }
};

// Schedules tiles back to back on one array, each as early as the hardware allows. O(1) per tile.
class TileScheduler {
 public:
  // Throws std::invalid_argument on a non-positive geometry.
  TileScheduler(int rows, int cols, Dataflow dataflow);

  // Schedules the next tile, starting no earlier than cycle `not_before` (when its operands are ready).
  // Throws std::invalid_argument if the tile does not fit the array (WS: k <= rows, n <= cols;
  // OS: m <= rows, n <= cols; IS: k <= rows, m <= cols) or has a non-positive extent.
  TileSchedule schedule(const TileExtent& tile, Cycle not_before = 0);

  // Starts a new accounting segment (a layer) at cycle `start`. The hardware state that constrains the
  // next tile (shadow registers, drain chain, edge ports) carries over; the counters restart.
  void begin_segment(Cycle start);

  // Runs the next tiles in another dataflow (an array that supports several, as Gemmini's does). Only
  // while the array is idle: nothing of the previous dataflow's pipeline state carries over.
  void switch_dataflow(Dataflow dataflow);

  // Cycles from the segment's start to its last output, inclusive: max(done) + 1 - start.
  Cycle makespan() const { return tiles_ == 0 ? 0 : last_done_ + 1 - segment_start_; }
  std::int64_t tiles() const { return tiles_; }
  std::int64_t macs() const { return macs_; }
  const ArrayActivity& activity() const { return activity_; }  // in this segment
  CycleBreakdown breakdown() const;

  int rows() const { return rows_; }
  int cols() const { return cols_; }
  Dataflow dataflow() const { return dataflow_; }

 private:
  TileSchedule earliest(const TileExtent& t, Cycle not_before) const;  // no state changes
  TileSchedule schedule_weight_stationary(int m, int k, int n, Cycle not_before) const;
  TileSchedule schedule_output_stationary(const TileExtent& t, Cycle not_before) const;

  int rows_, cols_;
  Dataflow dataflow_;
  bool has_previous_ = false;  // any tile scheduled since construction (hazards carry across segments)
  Cycle segment_start_ = 0;
  std::int64_t tiles_ = 0;     // in this segment
  std::int64_t macs_ = 0;
  TileSchedule prev_{};
  int prev_weight_rows_ = 0;  // WS: rows the previous preload wrote
  Cycle last_done_ = 0;
  Cycle edge_wait_ = 0;       // cycles the edges sat idle before or between tiles
  Cycle memory_wait_ = 0;     // the part of edge_wait_ caused by not_before
  Cycle streaming_ = 0;       // cycles the edges streamed
  ArrayActivity activity_;
};

}  // namespace systolica
