#include "arch/core/compute_core.h"

namespace systolica {

ComputeCore::ComputeCore(const sc_core::sc_module_name& name, const ArchSpec& spec,
                         std::vector<LayerJob> program)
    : sc_core::sc_module(name), clock_(spec.clock.core_hz) {
  array_ = std::make_unique<SystolicArray>("array", spec.array.rows, spec.array.cols, spec.array.dataflow,
                                           clock_);
  controller_ = std::make_unique<ComputeController>("controller", std::move(program), *array_, clock_);
  array_->commands(commands_);
  array_->completions(completions_);
  controller_->commands(commands_);
  controller_->completions(completions_);
}

}  // namespace systolica
