#pragma once
// One accelerator core: a systolic array, its scratchpad and accumulator, a DMA engine, and the
// controller that runs the core's layers through them. Its memory port is the DMA's initiator socket,
// which the SoC binds to the interconnect.
#include <memory>
#include <systemc>
#include <vector>

#include "arch/arch_spec.h"
#include "arch/core/core_controller.h"
#include "arch/dma/dma.h"
#include "arch/sram/accumulator.h"
#include "arch/sram/sram.h"
#include "arch/systolic/systolic_array.h"

namespace systolica {

class Core : public sc_core::sc_module {
 public:
  Core(const sc_core::sc_module_name& name, int index, const ArchSpec& spec, std::vector<CoreLayerJob> program,
       bool functional);

  tlm_utils::simple_initiator_socket<Dma>& memory_socket() { return dma_->socket; }
  CoreController& controller() { return *controller_; }
  const CoreController& controller() const { return *controller_; }
  const SystolicArray& array() const { return *array_; }
  const Sram& scratchpad() const { return *scratchpad_; }
  const Accumulator& accumulator() const { return *accumulator_; }
  const Dma& dma() const { return *dma_; }

 private:
  ClockDomain clock_;
  std::unique_ptr<Sram> scratchpad_;
  std::unique_ptr<Accumulator> accumulator_;
  std::unique_ptr<SystolicArray> array_;
  std::unique_ptr<Dma> dma_;
  std::unique_ptr<CoreController> controller_;
  // Bounded queues between the parts: two tiles queued let the array read the next while it schedules
  // the current one; four DMA commands let an engine start the next command's requests early.
  sc_core::sc_fifo<TileCommand> tile_commands_{"tile_commands", 2};
  sc_core::sc_fifo<TileCompletion> tile_completions_{"tile_completions", 4};
  sc_core::sc_fifo<DmaCommand> dma_loads_{"dma_loads", 4}, dma_stores_{"dma_stores", 4};
  sc_core::sc_fifo<DmaCompletion> dma_load_done_{"dma_load_done", 4}, dma_store_done_{"dma_store_done", 4};
};

}  // namespace systolica
