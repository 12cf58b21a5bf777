#include "arch/core/compute_controller.h"

namespace systolica {

ComputeController::ComputeController(const sc_core::sc_module_name& name, std::vector<LayerJob> program,
                                     SystolicArray& array, const ClockDomain& clock)
    : sc_core::sc_module(name), program_(std::move(program)), array_(array), clock_(clock) {
  SC_HAS_PROCESS(ComputeController);
  SC_THREAD(issue);
  SC_THREAD(retire);
}

void ComputeController::issue() {
  for (current_ = 0; current_ < program_.size(); ++current_) {
    LayerJob& job = program_[current_];
    LayerTiming timing;
    timing.start = clock_.now();
    array_.begin_layer();
    layer_issued_ = false;
    last_ready_ = timing.start;
    for_each_tile(job.layer, job.plan, [&](const TileOp& op) {
      TileCommand cmd;
      cmd.id = next_id_++;
      cmd.extent = TileExtent{op.m, op.k, op.n};
      if (job.tensors != nullptr) {
        cmd.data = std::make_shared<TileData>();
        cmd.data->a.resize(static_cast<std::size_t>(op.m) * op.k);
        cmd.data->b.resize(static_cast<std::size_t>(op.k) * op.n);
        gather_activations(job.layer, *job.tensors, op, cmd.data->a.data());
        gather_weights(job.layer, *job.tensors, op, cmd.data->b.data());
        functional_tiles_.emplace(cmd.id, op);
      }
      ++in_flight_;
      commands->write(cmd);  // blocks while the array's queue is full
    });
    layer_issued_ = true;
    if (in_flight_ > 0) wait(layer_done_);
    const TileScheduler& t = array_.timing();
    timing.end = last_ready_;
    timing.breakdown = t.breakdown();
    timing.tiles = t.tiles();
    timing.macs = t.macs();
    timings_.push_back(timing);
  }
  // Nothing else is scheduled once the last layer is done: the simulation ends when its events run out.
  finished_ = true;
}

void ComputeController::retire() {
  for (;;) {
    const TileCompletion done = completions->read();
    last_ready_ = std::max(last_ready_, done.schedule.done + 1);
    if (done.data) {
      const auto it = functional_tiles_.find(done.id);
      sc_assert(it != functional_tiles_.end());
      LayerJob& job = program_[current_];
      accumulate_output(job.layer, it->second, done.data->out.data(), *job.tensors);
      functional_tiles_.erase(it);
    }
    if (--in_flight_ == 0 && layer_issued_) layer_done_.notify();
  }
}

}  // namespace systolica
