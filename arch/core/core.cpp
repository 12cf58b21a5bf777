#include "arch/core/core.h"

#include "arch/core/core_geometry.h"

namespace systolica {

Core::Core(const sc_core::sc_module_name& name, int index, const ArchSpec& spec, std::vector<CoreLayerJob> program,
           bool functional)
    : sc_core::sc_module(name), clock_(spec.clock.core_hz) {
  scratchpad_ = std::make_unique<Sram>("scratchpad", spec.scratchpad, functional, &clock_);
  accumulator_ = std::make_unique<Accumulator>("accumulator", spec.accumulator, functional, &clock_);
  array_ = std::make_unique<SystolicArray>("array", spec.array.rows, spec.array.cols, spec.array.dataflow, clock_);
  dma_ = std::make_unique<Dma>("dma", spec.dma, index, *scratchpad_, *accumulator_, clock_);
  controller_ = std::make_unique<CoreController>("controller", std::move(program), *array_, *scratchpad_,
                                                 *accumulator_, clock_, core_geometry(spec));
  array_->commands(tile_commands_);
  array_->completions(tile_completions_);
  controller_->array_commands(tile_commands_);
  controller_->array_completions(tile_completions_);
  dma_->loads(dma_loads_);
  dma_->stores(dma_stores_);
  dma_->load_done(dma_load_done_);
  dma_->store_done(dma_store_done_);
  controller_->dma_loads(dma_loads_);
  controller_->dma_stores(dma_stores_);
  controller_->dma_load_done(dma_load_done_);
  controller_->dma_store_done(dma_store_done_);
}

}  // namespace systolica
