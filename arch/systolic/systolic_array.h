#pragma once
// The int8 systolic array as a SystemC module. It does not step PEs: each tile's timing comes from the
// closed form (tile_timing.h), the module sleeps until the edges are free for the next tile, and it posts
// each tile's completion at the cycle its last output leaves the array. In functional mode it computes
// the tile's int32 results. Two processes in all, whatever the array's size.
#include <queue>
#include <optional>
#include <systemc>
#include <vector>

#include "arch/clock_domain.h"
#include "arch/systolic/tile_command.h"
#include "arch/systolic/tile_timing.h"

namespace systolica {

class SystolicArray : public sc_core::sc_module {
 public:
  sc_core::sc_port<sc_core::sc_fifo_in_if<TileCommand>> commands;
  sc_core::sc_port<sc_core::sc_fifo_out_if<TileCompletion>> completions;

  SystolicArray(const sc_core::sc_module_name& name, int rows, int cols, Dataflow dataflow,
                const ClockDomain& clock);

  // Starts accounting a new layer at the current cycle. Call only when no tile is in flight.
  void begin_layer(std::optional<Dataflow> dataflow = std::nullopt);  // switches dataflow when given
  const TileScheduler& timing() const { return scheduler_; }

 private:
  void issue();   // SC_THREAD: takes commands and schedules them
  void retire();  // SC_THREAD: hands back completions at their done cycle

  struct Pending {
    Cycle ready;  // the cycle after the last output
    TileCompletion completion;
    bool operator>(const Pending& o) const { return ready > o.ready; }
  };

  ClockDomain clock_;
  TileScheduler scheduler_;
  std::priority_queue<Pending, std::vector<Pending>, std::greater<Pending>> pending_;
  sc_core::sc_event next_ready_;
};

// out = a x b for one tile (m x k times k x n), int8 products summed in int32 with wraparound.
void compute_tile(const TileExtent& e, const std::int8_t* a, const std::int8_t* b, std::int32_t* out);

}  // namespace systolica
