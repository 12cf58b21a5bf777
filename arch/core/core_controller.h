#pragma once
// Runs a core's program against its memories: for every tile of every layer it loads the operands into a
// scratchpad buffer with the DMA, hands the tile to the systolic array once they are there, and when an
// output block is complete stores it from the accumulator back to main memory through the read-out.
//
// Double-buffering: the scratchpad is cut into two buffers in separate banks (one, when a tile does not
// fit in half), so the loads of the next tile proceed while the array computes the current one; the
// accumulator is cut into two halves, so one output block accumulates while the previous one is stored.
// A buffer is reused only when the tile in it is complete, a half only when its block has been stored.
// Layers run one after another: the next one starts when every store of this one is acknowledged.
#include <cstdint>
#include <functional>
#include <systemc>
#include <unordered_map>
#include <vector>

#include "arch/clock_domain.h"
#include "arch/core/layer_timing.h"
#include "arch/core/tile_dma.h"
#include "arch/dma/dma_command.h"
#include "arch/sram/accumulator.h"
#include "arch/sram/sram.h"
#include "arch/systolic/systolic_array.h"
#include "workloads/tile_transfers.h"
#include "workloads/tiler.h"

namespace systolica {

struct CoreLayerJob {
  Layer layer;
  TilingPlan plan;
  LayerAddresses at;
  OutputScale scale;  // the accumulator read-out to int8
};

class CoreController : public sc_core::sc_module {
 public:
  sc_core::sc_port<sc_core::sc_fifo_out_if<TileCommand>> array_commands;
  sc_core::sc_port<sc_core::sc_fifo_in_if<TileCompletion>> array_completions;
  sc_core::sc_port<sc_core::sc_fifo_out_if<DmaCommand>> dma_loads;
  sc_core::sc_port<sc_core::sc_fifo_out_if<DmaCommand>> dma_stores;
  sc_core::sc_port<sc_core::sc_fifo_in_if<DmaCompletion>> dma_load_done;
  sc_core::sc_port<sc_core::sc_fifo_in_if<DmaCompletion>> dma_store_done;

  // Throws std::invalid_argument (naming the layer) when a tile cannot fit the scratchpad or accumulator.
  CoreController(const sc_core::sc_module_name& name, std::vector<CoreLayerJob> program, SystolicArray& array,
                 Sram& scratchpad, Accumulator& accumulator, const ClockDomain& clock);

  // Called with the layer index at its start (false) and end (true), for statistics snapshots.
  std::function<void(std::size_t layer, bool end)> on_layer_boundary;

  bool finished() const { return finished_; }
  const std::vector<LayerTiming>& layer_timings() const { return timings_; }

 private:
  struct TileState {
    TileOp op;
    int buffer = 0;          // scratchpad buffer
    int half = 0;            // accumulator half of its output block
    int loads_pending = 0;
    Cycle ready = 0;         // every operand readable
    bool loaded = false;
  };

  void run();             // SC_THREAD: layer by layer
  void load();            // SC_THREAD: issues each tile's loads into a free buffer
  void compute();         // SC_THREAD: hands loaded tiles to the array
  void retire_loads();    // SC_THREAD
  void retire_tiles();    // SC_THREAD: array completions -> accumulator, buffer release, stores
  void retire_stores();   // SC_THREAD

  void prepare_layer(std::size_t index);
  void check_layer_done();
  TileCommand make_command(std::size_t tile);
  void write_result(const TileState& t, const TileCompletion& done);
  SramRegion buffer_region(int buffer) const;

  std::vector<CoreLayerJob> program_;
  SystolicArray& array_;
  Sram& scratchpad_;
  Accumulator& accumulator_;
  ClockDomain clock_;
  bool functional_;

  // The current layer.
  std::size_t layer_ = 0;
  std::vector<TileState> tiles_;
  std::vector<SramRegion> buffers_;      // scratchpad buffers
  std::vector<SramRegion> halves_;       // accumulator halves
  std::vector<bool> buffer_free_, half_free_;
  std::size_t tiles_retired_ = 0;
  std::size_t stores_issued_ = 0, stores_done_ = 0;
  std::unordered_map<std::uint64_t, std::size_t> load_owner_;   // DMA id -> tile
  std::unordered_map<std::uint64_t, int> store_half_;           // DMA id -> accumulator half
  std::uint64_t next_dma_id_ = 1;
  std::uint64_t next_tile_id_ = 0;
  std::size_t tile_base_id_ = 0;  // tile command ids of this layer start here

  sc_core::sc_event layer_start_, layer_done_, buffer_freed_, tile_loaded_, half_freed_;
  std::vector<LayerTiming> timings_;
  bool finished_ = false;
};

}  // namespace systolica
