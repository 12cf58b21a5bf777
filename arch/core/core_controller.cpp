#include "arch/core/core_controller.h"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

#include "arch/core/vector_work.h"
#include "arch/dma/instant_transfer.h"

namespace systolica {

CoreController::CoreController(const sc_core::sc_module_name& name, std::vector<CoreLayerJob> program,
                               SystolicArray& array, Sram& scratchpad, Accumulator& accumulator,
                               const ClockDomain& clock, const CoreGeometry& geometry)
    : sc_core::sc_module(name),
      program_(std::move(program)),
      array_(array),
      scratchpad_(scratchpad),
      accumulator_(accumulator),
      clock_(clock),
      geometry_(geometry),
      functional_(scratchpad.functional()) {
  // Reject what cannot run before anything does.
  for (const CoreLayerJob& job : program_) {
    const BlockFootprint f = block_footprint(job.layer, geometry_, job.mapping);
    if (f.scratchpad_rows(job.mapping.double_buffered) > geometry_.scratchpad_rows ||
        f.accumulator_rows > geometry_.accumulator_rows / (job.mapping.double_buffered ? 2 : 1)) {
      throw std::invalid_argument(
          fmt::format("layer '{}': its mapping needs {} scratchpad and {} accumulator rows; "
                      "the core has {} and {}",
                      job.layer.name, f.scratchpad_rows(job.mapping.double_buffered), f.accumulator_rows,
                      geometry_.scratchpad_rows, geometry_.accumulator_rows));
    }
    if (functional_ && job.layer.kind == LayerKind::Vector) {
      throw std::invalid_argument(
          fmt::format("layer '{}' ({}) has no functional model; run without --functional", job.layer.name,
                      job.layer.vector_op));
    }
  }
  SC_HAS_PROCESS(CoreController);
  SC_THREAD(run);
  SC_THREAD(load_unit);
  SC_THREAD(compute_unit);
  SC_THREAD(vector_unit);
  SC_THREAD(store_unit);
  SC_THREAD(retire_loads);
  SC_THREAD(retire_passes);
  SC_THREAD(retire_stores);
}

void CoreController::run() {
  for (layer_ = 0; layer_ < program_.size(); ++layer_) {
    const CoreLayerJob& job = program_[layer_];
    stream_ = build_layer_program(job.layer, job.mapping, job.at, geometry_, job.scale);
    layouts_.clear();
    layouts_.reserve(stream_.blocks.size());
    for (const BlockPlacement& p : stream_.blocks) {
      layouts_.emplace_back(job.layer, job.mapping, p, geometry_.scratchpad_row_bytes,
                            geometry_.accumulator_row_entries);
    }
    for (auto& q : queue_) q.clear();
    for (std::uint32_t i = 0; i < stream_.commands.size(); ++i) {
      queue_[static_cast<int>(stream_.commands[i].unit)].push_back(i);
    }
    done_.assign(stream_.commands.size(), 0);
    done_at_.assign(stream_.commands.size(), 0);
    remaining_ = stream_.commands.size();
    vector_busy_ = 0;
    tile_base_id_ = next_tile_base_;
    next_tile_base_ += stream_.commands.size();

    LayerTiming timing;
    if (sync_ != nullptr) {
      const Cycle asked = clock_.now();
      sync_->wait_ready(job.layer_index, job.sync_image0, job.sync_images);
      timing.waited = clock_.now() - asked;
      sync_->started(job.layer_index);
    }
    timing.start = clock_.now();
    timing.scratchpad_buffers = job.mapping.double_buffered ? 2 : 1;
    timing.blocks = static_cast<std::int64_t>(stream_.blocks.size());
    timing.commands = static_cast<std::int64_t>(stream_.commands.size());
    if (on_layer_boundary) on_layer_boundary(layer_, false);
    array_.begin_layer(job.mapping.dataflow);
    if (remaining_ > 0) {
      layer_start_.notify(sc_core::SC_ZERO_TIME);
      wait(layer_done_);
    }
    timing.end = clock_.now();
    const TileScheduler& s = array_.timing();
    timing.breakdown = s.breakdown();
    timing.array_end = s.tiles() > 0 ? timing.start + s.makespan() : timing.start;
    timing.tiles = s.tiles();
    timing.macs = s.macs();
    timing.activity = s.activity();
    timing.vector_busy = vector_busy_;
    timings_.push_back(timing);
    if (on_layer_boundary) on_layer_boundary(layer_, true);
    if (sync_ != nullptr) sync_->completed(job.layer_index, job.sync_image0, job.sync_images);
  }
  finished_ = true;
}

Cycle CoreController::wait_for_deps(std::uint32_t i) {
  const CoreCommand& c = stream_.commands[i];
  for (;;) {
    Cycle ready = 0;
    bool all = true;
    for (std::uint32_t d : c.deps) {
      if (!done_[d]) {
        all = false;
        break;
      }
      ready = std::max(ready, done_at_[d]);
    }
    if (all) return ready;
    wait(finished_event_);
  }
}

void CoreController::finish(std::uint32_t i) {
  done_[i] = 1;
  done_at_[i] = clock_.now();
  finished_event_.notify(sc_core::SC_ZERO_TIME);
  if (--remaining_ == 0) layer_done_.notify(sc_core::SC_ZERO_TIME);
}

void CoreController::transfer(std::uint32_t i, DmaCommand& cmd) {
  if (ideal_) {
    if (functional_ && ideal_memory_ != nullptr) {
      transfer_instantly(cmd, *ideal_memory_, scratchpad_, accumulator_, request_bytes_);
    }
    finish(i);
    return;
  }
  cmd.id = next_dma_id_++;
  dma_owner_[cmd.id] = i;
  if (cmd.direction == DmaDirection::Load) {
    dma_loads->write(cmd);  // blocks while the DMA's queue is full
  } else {
    dma_stores->write(cmd);
  }
}

void CoreController::load_unit() {
  for (;;) {
    wait(layer_start_);
    for (std::uint32_t i : queue_[static_cast<int>(CommandUnit::Load)]) {
      wait_for_deps(i);
      DmaCommand cmd = stream_.commands[i].dma;
      transfer(i, cmd);
    }
  }
}

void CoreController::store_unit() {
  for (;;) {
    wait(layer_start_);
    for (std::uint32_t i : queue_[static_cast<int>(CommandUnit::Store)]) {
      wait_for_deps(i);
      DmaCommand cmd = stream_.commands[i].dma;
      transfer(i, cmd);
    }
  }
}

void CoreController::compute_unit() {
  for (;;) {
    wait(layer_start_);
    for (std::uint32_t i : queue_[static_cast<int>(CommandUnit::Compute)]) {
      const Cycle ready = wait_for_deps(i);
      if (ready > clock_.now()) wait(clock_.until(ready));
      array_commands->write(make_tile_command(i));
    }
  }
}

void CoreController::vector_unit() {
  for (;;) {
    wait(layer_start_);
    for (std::uint32_t i : queue_[static_cast<int>(CommandUnit::Vector)]) {
      const Cycle ready = wait_for_deps(i);
      const Cycle start = std::max(ready, clock_.now());
      const CoreCommand& c = stream_.commands[i];
      wait(clock_.until(start + c.vector_cycles));
      vector_busy_ += c.vector_cycles;
      run_vector_block(c);
      finish(i);
    }
  }
}

void CoreController::retire_loads() {
  for (;;) {
    const DmaCompletion c = dma_load_done->read();
    const auto it = dma_owner_.find(c.id);
    sc_assert(it != dma_owner_.end());
    const std::uint32_t i = it->second;
    dma_owner_.erase(it);
    finish(i);
  }
}

void CoreController::retire_stores() {
  for (;;) {
    const DmaCompletion c = dma_store_done->read();
    const auto it = dma_owner_.find(c.id);
    sc_assert(it != dma_owner_.end());
    const std::uint32_t i = it->second;
    dma_owner_.erase(it);
    finish(i);
  }
}

void CoreController::retire_passes() {
  for (;;) {
    const TileCompletion done = array_completions->read();
    const std::uint32_t i = static_cast<std::uint32_t>(done.id - tile_base_id_);
    const CoreCommand& c = stream_.commands[i];
    count_pass_accesses(c);
    if (done.data) write_pass_result(i, done);
    finish(i);
  }
}

TileCommand CoreController::make_tile_command(std::uint32_t i) {
  const CoreCommand& c = stream_.commands[i];
  const ArrayPass& p = c.pass;
  TileCommand cmd;
  cmd.id = tile_base_id_ + i;
  cmd.extent = p.extent;
  if (!functional_) return cmd;
  const BlockLayout& layout = layouts_[c.block];
  const int m = p.extent.m, k = p.extent.k, n = p.extent.n;
  cmd.data = std::make_shared<TileData>();
  cmd.data->a.assign(static_cast<std::size_t>(m) * k, 0);
  cmd.data->b.assign(static_cast<std::size_t>(k) * n, 0);
  for (int r = 0; r < m; ++r) {
    for (int t = 0; t < k; ++t) {
      const auto at = layout.input_at(p.i0 + r, p.kk0 + t);
      if (at) {
        cmd.data->a[static_cast<std::size_t>(r) * k + t] =
            static_cast<std::int8_t>(scratchpad_.row_data(at->first)[at->second]);
      }
    }
  }
  const int ct = layout.block().ct;
  for (int t = 0; t < k; ++t) {
    if (p.diagonal) {
      const int kk = p.kk0 + t;
      const auto [row, byte] = layout.depthwise_weight_at(kk / ct, kk % ct);
      cmd.data->b[static_cast<std::size_t>(t) * n + t] =
          static_cast<std::int8_t>(scratchpad_.row_data(row)[byte]);
      continue;
    }
    for (int j = 0; j < n; ++j) {
      const auto [row, byte] = layout.weight_at(p.kk0 + t, p.n0 + j);
      cmd.data->b[static_cast<std::size_t>(t) * n + j] =
          static_cast<std::int8_t>(scratchpad_.row_data(row)[byte]);
    }
  }
  return cmd;
}

void CoreController::write_pass_result(std::uint32_t i, const TileCompletion& done) {
  const CoreCommand& c = stream_.commands[i];
  const ArrayPass& p = c.pass;
  const BlockLayout& layout = layouts_[c.block];
  const AccWrite mode = p.overwrite ? AccWrite::Overwrite : AccWrite::Accumulate;
  for (int r = 0; r < p.extent.m; ++r) {
    for (int j = 0; j < p.extent.n; ++j) {
      const auto [row, entry] = layout.accumulator_at(p.i0 + r, p.n0 + j);
      accumulator_.write(row, entry, done.data->out[static_cast<std::size_t>(r) * p.extent.n + j], mode);
    }
  }
}

void CoreController::count_pass_accesses(const CoreCommand& c) {
  // The array reads each operand row of the pass once and writes each partial-sum row once. The mapping
  // keeps those buffers away from the DMA's, so they are counted, not contended.
  const TileExtent& e = c.pass.extent;
  const int rb = geometry_.scratchpad_row_bytes;
  const std::uint64_t a_rows = static_cast<std::uint64_t>(e.m) * ((e.k + rb - 1) / rb);
  const std::uint64_t b_rows = static_cast<std::uint64_t>(e.k) * (c.pass.diagonal ? 1 : (e.n + rb - 1) / rb);
  scratchpad_.record(
      SramOp::Read, SramClient::Array, a_rows + b_rows,
      static_cast<std::uint64_t>(e.m) * e.k + static_cast<std::uint64_t>(e.k) * (c.pass.diagonal ? 1 : e.n));
  const int ae = geometry_.accumulator_row_entries;
  const std::uint64_t acc_rows = static_cast<std::uint64_t>(e.m) * ((e.n + ae - 1) / ae);
  const std::uint64_t acc_bytes = static_cast<std::uint64_t>(e.m) * e.n * 4;
  // Accumulating is a read-modify-write: the old partial sums are read, added to and written back. The
  // first pass of a reduction overwrites without reading.
  if (!c.pass.overwrite) accumulator_.record(SramOp::Read, SramClient::Array, acc_rows, acc_bytes);
  accumulator_.record(SramOp::Write, SramClient::Array, acc_rows, acc_bytes);
}

void CoreController::run_vector_block(const CoreCommand& c) {
  const Layer& l = program_[layer_].layer;
  const BlockLayout& layout = layouts_[c.block];
  const Block& b = layout.block();
  const InputPatch& patch = layout.patch();
  const int rb = geometry_.scratchpad_row_bytes;
  const std::uint64_t in_lines =
      static_cast<std::uint64_t>(patch.pixels()) * (l.kind == LayerKind::Add ? 2 : 1);
  const std::uint64_t line_rows = static_cast<std::uint64_t>((b.ct + rb - 1) / rb);
  scratchpad_.record(SramOp::Read, SramClient::Other, in_lines * line_rows, in_lines * b.ct);
  scratchpad_.record(SramOp::Write, SramClient::Other, static_cast<std::uint64_t>(b.pixels()) * line_rows,
                     static_cast<std::uint64_t>(b.pixels()) * b.ct);
  if (functional_) compute_vector_block(l, layout, program_[layer_].scale, scratchpad_);
}

}  // namespace systolica
