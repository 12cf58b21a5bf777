// The DMA's load and store engines: take a command, cut it into requests, move each request's data
// between the SRAM and the socket, and post the command's completion at its done cycle.
#include <algorithm>

#include "arch/dma/dma.h"
#include "arch/dma/dma_data.h"

namespace systolica {

void Dma::run_engine(Engine& e) {
  auto& in = e.direction == DmaDirection::Load ? loads : stores;
  for (;;) {
    while (e.open >= kOpenCommands) wait(e.command_posted);
    const DmaCommand cmd = in->read();
    sc_assert(cmd.direction == e.direction);  // a load sent to the store queue, or the other way round
    validate(cmd);
    ++e.open;
    DmaTracker& t = e.trackers.emplace_back(cmd, DmaRowPacking(cmd, local(cmd).geometry().row_bytes()));
    t.completion = DmaCompletion{cmd.id, cmd.direction, clock_.now(), clock_.now(), cmd.memory_bytes(), 0};

    DmaRequestSplitter split(cmd, spec_.request_bytes);
    DmaChunk chunk;
    while (split.next(chunk)) {
      DmaPayload& p = pool_.take();
      p.tracker = &t;
      p.chunk = chunk;
      p.set_command(e.direction == DmaDirection::Load ? tlm::TLM_READ_COMMAND : tlm::TLM_WRITE_COMMAND);
      p.set_address(chunk.address);
      p.set_data_ptr(functional_ ? p.buffer.data() : nullptr);
      p.set_data_length(static_cast<unsigned>(chunk.bytes));
      p.set_streaming_width(static_cast<unsigned>(chunk.bytes));
      p.set_byte_enable_ptr(nullptr);
      p.set_byte_enable_length(0);
      p.set_dmi_allowed(false);
      p.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
      *p.request = MemRequestExtension{};
      p.request->core = core_;
      p.request->kind = e.direction == DmaDirection::Load ? RequesterKind::DmaRead : RequesterKind::DmaWrite;
      p.request->id = next_request_id_++;
      if (e.direction == DmaDirection::Store) {
        stage(e, p, read_for_store(e, p));
        e.bus_free = e.sent_at + beats(chunk.bytes);  // its beats leave from the cycle it is sent
      } else {
        stage(e, p, clock_.now());  // p may be back in the pool when this returns
      }
    }
    t.all_sent = true;
    finish_if_done(e, t);
  }
}

// Reads a store request's rows just in time for the write data bus and returns the first cycle it can
// be sent: beat b carries payload bytes [b, b + 1) x bus_bytes_per_cycle and leaves in cycle send + b, so
// a segment whose first byte is in beat b is read from cycle (bus free - latency) + b, and the request
// can go once the bus is free and every segment's data is ready for its beat.
Cycle Dma::read_for_store(Engine& e, DmaPayload& p) {
  const DmaTracker& t = *p.tracker;
  const int eb = t.command.memory_element_bytes(), lb = t.command.local_element_bytes();
  Sram& sram = local(t.command);
  const Cycle now = clock_.now();
  const Cycle base = std::max<Cycle>(now, e.bus_free - sram.spec().latency_cycles);
  Cycle start = std::max(now, e.bus_free);
  for_each_segment(t.packing, p.chunk, eb, [&](const DmaSegment& s, int offset) {
    const Cycle beat = offset / spec_.bus_bytes_per_cycle;
    const SramGrant g = sram.access(s.row, SramOp::Read, base + beat, SramClient::Dma, s.elements * lb);
    ++e.stats->sram_accesses;
    e.stats->sram_conflict_cycles += static_cast<std::uint64_t>(g.cycle - (base + beat));
    start = std::max(start, g.ready - beat);
    if (functional_) read_segment(t.command, s, p.buffer.data() + offset, scratchpad_, accumulator_);
  });
  return start;
}

// A response: a load's data crosses the read data bus (beats from max(arrival, bus free)) and each row
// segment is written as soon as its last byte has arrived and its bank has a free port; the request's
// slot is freed the cycle after its last row is written. A store's write is acknowledged, and its slot
// freed the cycle after.
void Dma::on_response(DmaPayload& p, const sc_core::sc_time& delay) {
  if (!p.is_response_ok()) {
    SC_REPORT_ERROR(name(), ("memory answered " + p.get_response_string() + " for address " +
                             std::to_string(p.get_address()))
                                .c_str());
  }
  DmaTracker& t = *p.tracker;
  Engine& e = engine_of(t.command.direction);
  // A response arriving mid-cycle (memory on another clock) is used from the next core clock edge.
  const Cycle arrival = cycle_at_or_after(sc_core::sc_time_stamp() + delay);
  ++e.stats->responses;
  e.stats->bytes_completed += p.get_data_length();
  if (e.direction == DmaDirection::Load) {
    const int eb = t.command.memory_element_bytes(), lb = t.command.local_element_bytes();
    const Cycle start = std::max(arrival, e.bus_free);
    e.bus_free = start + beats(p.chunk.bytes);
    Cycle last_write = start;
    Sram& sram = local(t.command);
    for_each_segment(t.packing, p.chunk, eb, [&](const DmaSegment& s, int offset) {
      const Cycle earliest = start + (offset + s.elements * eb - 1) / spec_.bus_bytes_per_cycle;
      const SramGrant g = sram.access(s.row, SramOp::Write, earliest, SramClient::Dma, s.elements * lb);
      ++e.stats->sram_accesses;
      e.stats->sram_conflict_cycles += static_cast<std::uint64_t>(g.cycle - earliest);
      last_write = std::max(last_write, g.cycle);
      t.completion.done = std::max(t.completion.done, g.ready);
      if (functional_) write_segment(t.command, s, p.buffer.data() + offset, scratchpad_, accumulator_);
    });
    release_slot_at(last_write + 1);
  } else {
    release_slot_at(arrival + 1);
    t.completion.done = std::max(t.completion.done, arrival);
  }
  --t.unanswered;
  p.release();
  finish_if_done(e, t);
}

void Dma::finish_if_done(Engine& e, DmaTracker& t) {
  if (!t.all_sent || t.unanswered > 0) return;
  e.retiring.push({t.completion, e.retired_order++});
  e.retire_wake.notify(clock_.until(t.completion.done));  // keeps the earlier of two pending wakes
  e.trackers.remove_if([&](const DmaTracker& x) { return &x == &t; });
}

void Dma::retire(Engine& e) {
  auto& out = e.direction == DmaDirection::Load ? load_done : store_done;
  for (;;) {
    wait(e.retire_wake);
    while (!e.retiring.empty() && e.retiring.top().completion.done <= clock_.now()) {
      const DmaCompletion c = e.retiring.top().completion;
      e.retiring.pop();
      ++e.stats->commands;
      out->write(c);  // blocks while the controller's completion queue is full
      --e.open;
      e.command_posted.notify(sc_core::SC_ZERO_TIME);
    }
    if (!e.retiring.empty()) e.retire_wake.notify(clock_.until(e.retiring.top().completion.done));
  }
}

}  // namespace systolica
