#pragma once
// Runs a core's layers: for each one it builds the layer's command stream (arch/core/layer_program.h) and
// executes it on the DMA's load and store engines, the systolic array and the vector unit. Each unit takes
// its commands in order and starts one as soon as the commands it depends on have finished, so loads of the
// next block overlap the array's work on this one and stores drain while the next block computes, exactly
// as far as the buffers allow. Layers run one after another: the next starts when every command of this
// one has finished (it reads this one's outputs).
//
// The vector unit is a closed-form resource: a block takes vector_block_cycles() and the controller sleeps
// until then. Functional runs move real bytes: the array's operands are read from the scratchpad where the
// layout put them, partial sums go to the accumulator, vector results to the scratchpad.
#include <cstdint>
#include <functional>
#include <systemc>
#include <unordered_map>
#include <vector>

#include "arch/clock_domain.h"
#include "arch/core/layer_program.h"
#include "arch/core/layer_sync.h"
#include "arch/core/layer_timing.h"
#include "arch/dma/dma_command.h"
#include "arch/dram/backing_store.h"
#include "arch/sram/accumulator.h"
#include "arch/sram/sram.h"
#include "arch/systolic/systolic_array.h"

namespace systolica {

struct CoreLayerJob {
  Layer layer;
  LayerMapping mapping;  // with a multi-core split, its region is this core's part of the layer
  TensorAddresses at;
  OutputScale scale;  // array layers and adds: the read-out to int8
  std::size_t layer_index = 0;  // the layer's place in the network (LayerSync)
  int sync_image0 = 0, sync_images = 1;  // the network's images this job completes (LayerSync)
};

class CoreController : public sc_core::sc_module {
 public:
  sc_core::sc_port<sc_core::sc_fifo_out_if<TileCommand>> array_commands;
  sc_core::sc_port<sc_core::sc_fifo_in_if<TileCompletion>> array_completions;
  sc_core::sc_port<sc_core::sc_fifo_out_if<DmaCommand>> dma_loads;
  sc_core::sc_port<sc_core::sc_fifo_out_if<DmaCommand>> dma_stores;
  sc_core::sc_port<sc_core::sc_fifo_in_if<DmaCompletion>> dma_load_done;
  sc_core::sc_port<sc_core::sc_fifo_in_if<DmaCompletion>> dma_store_done;

  // Throws std::invalid_argument (naming the layer) when a mapping does not fit this core's SRAMs, and for
  // a functional run of a layer with no functional model (LayerKind::Vector).
  CoreController(const sc_core::sc_module_name& name, std::vector<CoreLayerJob> program, SystolicArray& array,
                 Sram& scratchpad, Accumulator& accumulator, const ClockDomain& clock,
                 const CoreGeometry& geometry);

  // Ideal memory: every load and store finishes the moment it is issued, its bytes moved at once between
  // `memory` (functional runs; may be null otherwise) and the SRAMs. Call before the simulation starts.
  void use_ideal_memory(dram::BackingStore* memory, int request_bytes) {
    ideal_ = true;
    ideal_memory_ = memory;
    request_bytes_ = request_bytes;
  }

  // Cores sharing a network: each job waits in `sync` until the layers before it are complete for its
  // images, and reports its start and end there. Without one, jobs run back to back. Call before the
  // simulation starts.
  void use_sync(LayerSync* sync) { sync_ = sync; }

  // Called with the job's index in the program at its start (false) and end (true).
  std::function<void(std::size_t job, bool end)> on_layer_boundary;

  bool finished() const { return finished_; }
  const std::vector<LayerTiming>& layer_timings() const { return timings_; }

 private:
  void run();            // SC_THREAD: layer by layer
  void load_unit();      // SC_THREAD
  void compute_unit();   // SC_THREAD
  void vector_unit();    // SC_THREAD
  void store_unit();     // SC_THREAD
  void retire_loads();   // SC_THREAD
  void retire_passes();  // SC_THREAD
  void retire_stores();  // SC_THREAD

  // Waits until every dependency of command `i` has finished; returns the cycle the last one did.
  Cycle wait_for_deps(std::uint32_t i);
  void finish(std::uint32_t i);
  TileCommand make_tile_command(std::uint32_t i);
  void write_pass_result(std::uint32_t i, const TileCompletion& done);
  void run_vector_block(const CoreCommand& c);  // functional vector work
  void count_pass_accesses(const CoreCommand& c);

  void transfer(std::uint32_t i, DmaCommand& cmd);  // to the DMA, or at once with ideal memory

  std::vector<CoreLayerJob> program_;
  LayerSync* sync_ = nullptr;
  bool ideal_ = false;
  dram::BackingStore* ideal_memory_ = nullptr;
  int request_bytes_ = 64;
  SystolicArray& array_;
  Sram& scratchpad_;
  Accumulator& accumulator_;
  ClockDomain clock_;
  CoreGeometry geometry_;
  bool functional_;

  // The current layer.
  std::size_t layer_ = 0;
  LayerProgram stream_;
  std::vector<BlockLayout> layouts_;  // one per block
  std::vector<std::uint32_t> queue_[kCommandUnits];
  std::vector<char> done_;
  std::vector<Cycle> done_at_;
  std::size_t remaining_ = 0;
  Cycle vector_busy_ = 0;
  std::unordered_map<std::uint64_t, std::uint32_t> dma_owner_;  // DMA id -> command
  std::uint64_t next_dma_id_ = 1;
  std::uint64_t tile_base_id_ = 0;  // tile ids of this layer: base + command index
  std::uint64_t next_tile_base_ = 0;

  sc_core::sc_event layer_start_, layer_done_, finished_event_;
  std::vector<LayerTiming> timings_;
  bool finished_ = false;
};

}  // namespace systolica
