#include "arch/core/core_controller.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace systolica {

namespace {
// Scratchpad buffers for a layer: two (double-buffering) if its largest tile fits in half, else one.
int buffers_for(const CoreLayerJob& job, const Sram& scratchpad) {
  const int row_bytes = scratchpad.geometry().row_bytes();
  SramRow largest = 0;
  for_each_tile(job.layer, job.plan, [&](const TileOp& op) {
    largest = std::max(largest, TileLayout(job.layer, op, 0, row_bytes).rows());
  });
  for (int n : {2, 1}) {
    const auto regions = split_buffers(scratchpad.geometry(), n);
    if (largest <= regions.front().rows) return n;
  }
  throw std::invalid_argument(fmt::format(
      "layer '{}': a tile's operands need {} scratchpad rows of {} B but the scratchpad has {}; use a "
      "larger scratchpad.capacity or another dataflow",
      job.layer.name, largest, row_bytes, scratchpad.geometry().rows()));
}
}  // namespace

CoreController::CoreController(const sc_core::sc_module_name& name, std::vector<CoreLayerJob> program,
                               SystolicArray& array, Sram& scratchpad, Accumulator& accumulator,
                               const ClockDomain& clock)
    : sc_core::sc_module(name),
      program_(std::move(program)),
      array_(array),
      scratchpad_(scratchpad),
      accumulator_(accumulator),
      clock_(clock),
      functional_(scratchpad.functional()) {
  // Reject a mapping that cannot fit before anything runs.
  for (const CoreLayerJob& job : program_) {
    buffers_for(job, scratchpad_);
    const SramRow half = split_buffers(accumulator_.geometry(), 2).front().rows;
    for_each_tile(job.layer, job.plan, [&](const TileOp& op) {
      if (accumulator_rows(op, job.plan.dataflow) > half) {
        throw std::invalid_argument(fmt::format("layer '{}': an output block needs {} accumulator rows, a half "
                                                "has {}",
                                                job.layer.name, accumulator_rows(op, job.plan.dataflow), half));
      }
    });
  }
  SC_HAS_PROCESS(CoreController);
  SC_THREAD(run);
  SC_THREAD(load);
  SC_THREAD(compute);
  SC_THREAD(retire_loads);
  SC_THREAD(retire_tiles);
  SC_THREAD(retire_stores);
}

SramRegion CoreController::buffer_region(int buffer) const { return buffers_[static_cast<std::size_t>(buffer)]; }

void CoreController::prepare_layer(std::size_t index) {
  const CoreLayerJob& job = program_[index];
  tiles_.clear();
  int block = -1;
  for_each_tile(job.layer, job.plan, [&](const TileOp& op) {
    if (op.first_k) ++block;
    TileState t;
    t.op = op;
    t.half = block % 2;
    tiles_.push_back(t);
  });
  const int nbuf = buffers_for(job, scratchpad_);
  buffers_ = split_buffers(scratchpad_.geometry(), nbuf);
  halves_ = split_buffers(accumulator_.geometry(), 2);
  for (std::size_t i = 0; i < tiles_.size(); ++i) tiles_[i].buffer = static_cast<int>(i % buffers_.size());
  buffer_free_.assign(buffers_.size(), true);
  half_free_.assign(halves_.size(), true);
  tiles_retired_ = stores_issued_ = stores_done_ = 0;
  tile_base_id_ = next_tile_id_;
  next_tile_id_ += tiles_.size();
}

void CoreController::run() {
  for (layer_ = 0; layer_ < program_.size(); ++layer_) {
    prepare_layer(layer_);
    LayerTiming timing;  // its breakdown's memory part includes the stores after the array finished
    timing.start = clock_.now();
    timing.scratchpad_buffers = static_cast<std::int64_t>(buffers_.size());
    if (on_layer_boundary) on_layer_boundary(layer_, false);
    array_.begin_layer();
    layer_start_.notify(sc_core::SC_ZERO_TIME);
    wait(layer_done_);
    timing.end = clock_.now();
    const TileScheduler& s = array_.timing();
    timing.breakdown = s.breakdown();
    timing.breakdown.memory += (timing.end - timing.start) - timing.breakdown.total;  // the final stores
    timing.breakdown.total = timing.end - timing.start;
    timing.tiles = s.tiles();
    timing.macs = s.macs();
    timings_.push_back(timing);
    if (on_layer_boundary) on_layer_boundary(layer_, true);
  }
  finished_ = true;
}

void CoreController::load() {
  for (;;) {
    wait(layer_start_);
    const CoreLayerJob& job = program_[layer_];
    const int row_bytes = scratchpad_.geometry().row_bytes();
    for (std::size_t i = 0; i < tiles_.size(); ++i) {
      TileState& t = tiles_[i];
      while (!buffer_free_[static_cast<std::size_t>(t.buffer)]) wait(buffer_freed_);
      buffer_free_[static_cast<std::size_t>(t.buffer)] = false;
      const TileLayout layout(job.layer, t.op, buffer_region(t.buffer).first_row, row_bytes);
      TileLoadPlan plan = plan_tile_loads(job.layer, job.at, t.op, layout);
      // Padding lines: the DMA writes zeros without reading memory.
      t.ready = clock_.now();
      for (SramRow row : plan.zero_rows) {
        t.ready = std::max(t.ready, scratchpad_.access(row, SramOp::Write, clock_.now(), SramClient::Dma).ready);
        if (functional_) std::memset(scratchpad_.row_data(row), 0, static_cast<std::size_t>(row_bytes));
      }
      t.loads_pending = static_cast<int>(plan.commands.size());
      if (t.loads_pending == 0) {
        t.loaded = true;
        tile_loaded_.notify(sc_core::SC_ZERO_TIME);
      }
      for (DmaCommand& cmd : plan.commands) {
        cmd.id = next_dma_id_++;
        load_owner_[cmd.id] = i;
        dma_loads->write(cmd);  // blocks while the DMA's queue is full
      }
    }
  }
}

void CoreController::retire_loads() {
  for (;;) {
    const DmaCompletion c = dma_load_done->read();
    const auto it = load_owner_.find(c.id);
    sc_assert(it != load_owner_.end());
    TileState& t = tiles_[it->second];
    load_owner_.erase(it);
    t.ready = std::max(t.ready, c.done);
    if (--t.loads_pending == 0) {
      t.loaded = true;
      tile_loaded_.notify(sc_core::SC_ZERO_TIME);
    }
  }
}

void CoreController::compute() {
  for (;;) {
    wait(layer_start_);
    for (std::size_t i = 0; i < tiles_.size(); ++i) {
      TileState& t = tiles_[i];
      while (!t.loaded) wait(tile_loaded_);
      if (t.op.first_k) {  // a new output block takes an accumulator half once its last block is stored
        while (!half_free_[static_cast<std::size_t>(t.half)]) wait(half_freed_);
        half_free_[static_cast<std::size_t>(t.half)] = false;
      }
      if (t.ready > clock_.now()) wait(clock_.until(t.ready));
      array_commands->write(make_command(i));
    }
  }
}

TileCommand CoreController::make_command(std::size_t i) {
  const TileState& t = tiles_[i];
  TileCommand cmd;
  cmd.id = tile_base_id_ + i;
  cmd.extent = TileExtent{t.op.m, t.op.k, t.op.n};
  if (functional_) {
    // The array's operands, read from the scratchpad buffer.
    const TileLayout layout(program_[layer_].layer, t.op, buffer_region(t.buffer).first_row,
                            scratchpad_.geometry().row_bytes());
    cmd.data = std::make_shared<TileData>();
    cmd.data->a.resize(static_cast<std::size_t>(t.op.m) * t.op.k);
    cmd.data->b.resize(static_cast<std::size_t>(t.op.k) * t.op.n);
    for (int r = 0; r < t.op.m; ++r)
      for (int c = 0; c < t.op.k; ++c) {
        const auto [row, byte] = layout.a_at(r, c);
        cmd.data->a[static_cast<std::size_t>(r) * t.op.k + c] = static_cast<std::int8_t>(scratchpad_.row_data(row)[byte]);
      }
    for (int r = 0; r < t.op.k; ++r)
      for (int c = 0; c < t.op.n; ++c) {
        const auto [row, byte] = layout.b_at(r, c);
        cmd.data->b[static_cast<std::size_t>(r) * t.op.n + c] = static_cast<std::int8_t>(scratchpad_.row_data(row)[byte]);
      }
  }
  return cmd;
}

void CoreController::write_result(const TileState& t, const TileCompletion& done) {
  const AccWrite mode = t.op.first_k ? AccWrite::Overwrite : AccWrite::Accumulate;
  const SramRow first = halves_[static_cast<std::size_t>(t.half)].first_row;
  const bool transposed = program_[layer_].plan.dataflow == Dataflow::InputStationary;
  for (int i = 0; i < t.op.m; ++i)
    for (int j = 0; j < t.op.n; ++j) {
      const std::int32_t v = done.data->out[static_cast<std::size_t>(i) * t.op.n + j];
      if (transposed) {
        accumulator_.write(first + j, i, v, mode);
      } else {
        accumulator_.write(first + i, j, v, mode);
      }
    }
}

void CoreController::retire_tiles() {
  for (;;) {
    const TileCompletion done = array_completions->read();
    const std::size_t i = static_cast<std::size_t>(done.id - tile_base_id_);
    const TileState& t = tiles_[i];
    const CoreLayerJob& job = program_[layer_];
    // The array read every operand row of the buffer once and wrote each output row once. The mapping
    // keeps those banks away from the DMA meanwhile, so they are counted, not contended.
    const TileLayout layout(job.layer, t.op, buffer_region(t.buffer).first_row, scratchpad_.geometry().row_bytes());
    scratchpad_.record(SramOp::Read, SramClient::Array, static_cast<std::uint64_t>(layout.rows()),
                       static_cast<std::uint64_t>(t.op.m) * t.op.k + static_cast<std::uint64_t>(t.op.k) * t.op.n);
    const SramRow acc_rows = accumulator_rows(t.op, job.plan.dataflow);
    accumulator_.record(SramOp::Write, SramClient::Array, static_cast<std::uint64_t>(acc_rows),
                        static_cast<std::uint64_t>(t.op.m) * t.op.n * 4);
    if (done.data) write_result(t, done);
    buffer_free_[static_cast<std::size_t>(t.buffer)] = true;
    buffer_freed_.notify(sc_core::SC_ZERO_TIME);
    ++tiles_retired_;
    if (t.op.last_k) {
      DmaCommand store = plan_tile_store(job.layer, job.at, t.op, job.plan.dataflow,
                                         halves_[static_cast<std::size_t>(t.half)].first_row, job.scale);
      store.id = next_dma_id_++;
      store_half_[store.id] = t.half;
      ++stores_issued_;
      dma_stores->write(store);
    }
    check_layer_done();
  }
}

void CoreController::retire_stores() {
  for (;;) {
    const DmaCompletion c = dma_store_done->read();
    const auto it = store_half_.find(c.id);
    sc_assert(it != store_half_.end());
    half_free_[static_cast<std::size_t>(it->second)] = true;
    store_half_.erase(it);
    half_freed_.notify(sc_core::SC_ZERO_TIME);
    ++stores_done_;
    check_layer_done();
  }
}

void CoreController::check_layer_done() {
  if (tiles_retired_ == tiles_.size() && stores_done_ == stores_issued_) layer_done_.notify(sc_core::SC_ZERO_TIME);
}

}  // namespace systolica
