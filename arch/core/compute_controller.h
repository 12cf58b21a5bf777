#pragma once
// Runs a core's program: for each layer, sends its tiles to the systolic array in order, collects the
// completions, and waits for the layer's last output before starting the next (the next layer reads
// this one's outputs). Memory is ideal for now: operands are ready whenever the array can take them.
#include <cstdint>
#include <systemc>
#include <unordered_map>
#include <vector>

#include "arch/clock_domain.h"
#include "arch/core/layer_timing.h"
#include "arch/systolic/systolic_array.h"
#include "workloads/layer_tensors.h"
#include "workloads/tiler.h"

namespace systolica {

struct LayerJob {
  Layer layer;
  TilingPlan plan;
  LayerTensors* tensors = nullptr;  // functional mode: the layer's data; null for timing only
};

class ComputeController : public sc_core::sc_module {
 public:
  sc_core::sc_port<sc_core::sc_fifo_out_if<TileCommand>> commands;
  sc_core::sc_port<sc_core::sc_fifo_in_if<TileCompletion>> completions;

  ComputeController(const sc_core::sc_module_name& name, std::vector<LayerJob> program, SystolicArray& array,
                    const ClockDomain& clock);

  bool finished() const { return finished_; }
  const std::vector<LayerTiming>& layer_timings() const { return timings_; }

 private:
  void issue();   // SC_THREAD
  void retire();  // SC_THREAD

  std::vector<LayerJob> program_;
  SystolicArray& array_;
  ClockDomain clock_;
  std::vector<LayerTiming> timings_;
  std::size_t current_ = 0;            // the layer being run
  std::int64_t in_flight_ = 0;         // tiles sent and not yet completed
  bool layer_issued_ = false;          // every tile of the current layer has been sent
  Cycle last_ready_ = 0;               // latest completion cycle seen in this layer
  sc_core::sc_event layer_done_;
  std::unordered_map<std::uint64_t, TileOp> functional_tiles_;  // id -> tile, functional mode only
  std::uint64_t next_id_ = 0;
  bool finished_ = false;
};

}  // namespace systolica
