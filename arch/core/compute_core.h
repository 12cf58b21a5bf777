#pragma once
// One core as far as the foundation goes: a controller feeding a systolic array through bounded queues.
// The memory system (scratchpad, accumulator, DMA) joins it here.
#include <memory>
#include <systemc>
#include <vector>

#include "arch/arch_spec.h"
#include "arch/core/compute_controller.h"
#include "arch/systolic/systolic_array.h"

namespace systolica {

class ComputeCore : public sc_core::sc_module {
 public:
  ComputeCore(const sc_core::sc_module_name& name, const ArchSpec& spec, std::vector<LayerJob> program);

  const ComputeController& controller() const { return *controller_; }
  const SystolicArray& array() const { return *array_; }

 private:
  ClockDomain clock_;
  // Two commands queued lets the array read the next tile while it schedules the current one.
  sc_core::sc_fifo<TileCommand> commands_{"commands", 2};
  sc_core::sc_fifo<TileCompletion> completions_{"completions", 4};
  std::unique_ptr<SystolicArray> array_;
  std::unique_ptr<ComputeController> controller_;
};

}  // namespace systolica
