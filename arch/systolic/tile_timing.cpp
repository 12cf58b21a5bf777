#include "arch/systolic/tile_timing.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace systolica {

TileScheduler::TileScheduler(int rows, int cols, Dataflow dataflow)
    : rows_(rows), cols_(cols), dataflow_(dataflow) {
  if (rows < 1 || cols < 1) throw std::invalid_argument("systolic array needs at least one row and column");
}

TileSchedule TileScheduler::schedule(const TileExtent& t, Cycle not_before) {
  if (t.m < 1 || t.k < 1 || t.n < 1) throw std::invalid_argument("tile extents must be positive");
  const TileSchedule s = earliest(t, not_before);
  // The same tile with its operands ready at once: how much of the wait was the memory's.
  const TileSchedule hw = earliest(t, tiles_ == 0 ? segment_start_ : 0);
  memory_wait_ += s.stream_start - hw.stream_start;
  edge_wait_ += s.stream_start - (tiles_ == 0 ? segment_start_ : prev_.stream_end);
  streaming_ += s.stream_end - s.stream_start;
  last_done_ = tiles_ == 0 ? s.done : std::max(last_done_, s.done);
  macs_ += t.useful_macs();
  // One operand vector enters the edge per streaming cycle. Every WS or IS tile preloads: the scheduler
  // has no notion of a stationary operand staying in place, so none is skipped. Every OS tile drains.
  activity_.stream_steps += s.stream_end - s.stream_start;
  ++(dataflow_ == Dataflow::OutputStationary ? activity_.output_drains : activity_.preloads);
  ++tiles_;
  has_previous_ = true;
  prev_ = s;
  prev_weight_rows_ = t.k;  // WS and IS preload k rows
  return s;
}

TileSchedule TileScheduler::earliest(const TileExtent& t, Cycle not_before) const {
  switch (dataflow_) {
    case Dataflow::WeightStationary:
      return schedule_weight_stationary(t.m, t.k, t.n, not_before);
    case Dataflow::InputStationary:
      // WS on the transposed GEMM: the activations are held (k x m on the array), weights stream (n).
      return schedule_weight_stationary(t.n, t.k, t.m, not_before);
    case Dataflow::OutputStationary:
      break;
  }
  return schedule_output_stationary(t, not_before);
}

void TileScheduler::begin_segment(Cycle start) {
  segment_start_ = start;
  tiles_ = 0;
  macs_ = 0;
  edge_wait_ = 0;
  memory_wait_ = 0;
  streaming_ = 0;
  activity_ = ArrayActivity{};
  last_done_ = 0;
}

void TileScheduler::switch_dataflow(Dataflow dataflow) {
  if (dataflow == dataflow_) return;
  dataflow_ = dataflow;
  has_previous_ = false;  // the caller switches only while the array is idle
}

// docs/systolic_array.md, "Weight-stationary". m streams in time, k maps to rows, n to columns.
TileSchedule TileScheduler::schedule_weight_stationary(int m, int k, int n, Cycle not_before) const {
  if (k > rows_ || n > cols_) {
    throw std::invalid_argument("tile " + std::to_string(k) + "x" + std::to_string(n) +
                                " does not fit the stationary " + std::to_string(rows_) + "x" +
                                std::to_string(cols_) + " array");
  }
  TileSchedule s;
  if (!has_previous_) {
    s.preload_start = std::max<Cycle>(0, not_before);
  } else {
    s.preload_start = std::max({prev_.preload_start + prev_weight_rows_,  // weight port: a row per cycle
                                prev_.stream_start + cols_,               // shadow freed by the flip
                                not_before});
  }
  // Row r is written in cycle p + r and flips in cycle s + r, so streaming may start a cycle after p.
  s.stream_start = s.preload_start + 1;
  if (has_previous_) s.stream_start = std::max(s.stream_start, prev_.stream_end);
  s.stream_end = s.stream_start + m;
  // Output (m-1, n-1) crosses all rows and n-1 columns after its activation enters.
  s.done = s.stream_start + (m - 1) + (rows_ - 1) + (n - 1);
  return s;
}

// docs/systolic_array.md, "Output-stationary". m maps to rows, n to columns, k streams in time.
TileSchedule TileScheduler::schedule_output_stationary(const TileExtent& t, Cycle not_before) const {
  if (t.m > rows_ || t.n > cols_) {
    throw std::invalid_argument("output tile " + std::to_string(t.m) + "x" + std::to_string(t.n) +
                                " does not fit the " + std::to_string(rows_) + "x" +
                                std::to_string(cols_) + " array");
  }
  TileSchedule s;
  s.stream_start = std::max<Cycle>(0, not_before);
  if (has_previous_) {
    // PE(0,0) writes its result shadow in cycle s + k - 1, which must follow the previous drain, whose
    // last cycle is the previous tile's done.
    s.stream_start = std::max({s.stream_start, prev_.stream_end, prev_.done + 2 - t.k});
  }
  s.preload_start = s.stream_start;
  s.stream_end = s.stream_start + t.k;
  const Cycle last_mac = s.stream_start + (t.k - 1) + (t.m - 1) + (t.n - 1);
  s.done = last_mac + rows_;  // R drain cycles; row 0 leaves last
  return s;
}

CycleBreakdown TileScheduler::breakdown() const {
  CycleBreakdown b;
  b.total = makespan();
  if (tiles_ == 0) return b;
  b.compute = static_cast<double>(macs_) / (static_cast<double>(rows_) * cols_);
  b.underuse = static_cast<double>(streaming_) - b.compute;
  b.memory = memory_wait_;
  if (dataflow_ == Dataflow::OutputStationary) {
    b.drain = edge_wait_ - memory_wait_;
  } else {
    b.preload = edge_wait_ - memory_wait_;
  }
  b.fill_drain = b.total - (edge_wait_ + streaming_);  // the last tile's pipeline depth
  return b;
}

}  // namespace systolica
