// The DMA's issuer: the one process that sends requests on the socket, and the socket's backward path.
#include "arch/dma/dma.h"

#include <stdexcept>

namespace systolica {

Dma::Dma(const sc_core::sc_module_name& name, const DmaSpec& spec, int core, Sram& scratchpad,
         Accumulator& accumulator, const ClockDomain& clock)
    : sc_core::sc_module(name),
      socket("socket"),
      loads("loads"),
      stores("stores"),
      load_done("load_done"),
      store_done("store_done"),
      spec_(spec),
      core_(core),
      scratchpad_(scratchpad),
      accumulator_(accumulator),
      clock_(clock),
      functional_(scratchpad.functional()),
      pool_(spec.max_outstanding + 2, spec.request_bytes, scratchpad.functional()),  // + the staged two
      load_(DmaDirection::Load, &stats_.load),
      store_(DmaDirection::Store, &stats_.store) {
  if (spec.bus_bytes_per_cycle < 1 || spec.request_bytes < 1 || spec.max_outstanding < 1) {
    throw std::invalid_argument(
        "DMA: bus_bytes_per_cycle, request_bytes and max_outstanding must be positive");
  }
  if (scratchpad.functional() != accumulator.functional()) {
    throw std::invalid_argument("DMA: the scratchpad and the accumulator must both be functional or neither");
  }
  socket.register_nb_transport_bw(this, &Dma::nb_transport_bw);
  SC_HAS_PROCESS(Dma);
  SC_THREAD(load_engine);
  SC_THREAD(store_engine);
  SC_THREAD(retire_loads);
  SC_THREAD(retire_stores);
  SC_THREAD(issue);
}

void Dma::validate(const DmaCommand& cmd) const {
  const Sram& sram = cmd.local == DmaLocal::Scratchpad ? scratchpad_ : static_cast<const Sram&>(accumulator_);
  validate_dma_command(cmd, sram.geometry(), spec_.request_bytes);
}

bool Dma::idle() const {
  return load_.open == 0 && store_.open == 0;
}

Cycle Dma::cycle_of(const sc_core::sc_time& t) const {
  return static_cast<Cycle>(t.value() / clock_.period().value());
}

Cycle Dma::cycle_at_or_after(const sc_core::sc_time& t) const {
  const sc_dt::uint64 p = clock_.period().value();
  return static_cast<Cycle>((t.value() + p - 1) / p);
}

// Called by an engine: hands the request to the issuer and sleeps until it has been sent.
void Dma::stage(Engine& e, DmaPayload& p, Cycle ready) {
  e.staged = &p;
  e.staged_at = clock_.now();
  e.ready = ready;
  issue_event_.notify(sc_core::SC_ZERO_TIME);
  while (e.staged != nullptr) wait(e.taken);
}

void Dma::issue() {
  for (;;) {
    const Cycle now = clock_.now();
    while (!releases_.empty() && releases_.top() <= now) {
      releases_.pop();
      --busy_slots_;
    }
    const bool channel = !request_open_ && request_free_ <= now && last_send_ < now;
    // Back-pressure is END_REQ withheld (beyond the channel's one request per cycle).
    const bool blocked = request_open_ || (request_free_ > now && request_free_ > last_send_ + 1);
    const bool slot = busy_slots_ < spec_.max_outstanding;
    Engine* pick = nullptr;  // round-robin: of two eligible engines, the one that did not send last
    for (Engine* e : {&load_, &store_}) {
      if (eligible(*e, now) && (pick == nullptr || last_sender_ == pick)) pick = e;
    }
    const bool go = pick != nullptr && channel && slot;
    for (Engine* e : {&load_, &store_}) {
      Wait why = Wait::None;
      if (e->staged != nullptr && !(go && e == pick)) {
        why = blocked ? Wait::BackPressure : !slot ? Wait::Slot : Wait::Arbitration;
      }
      account_wait(*e, why, now);
    }
    if (go) {
      send(*pick, now);
      continue;  // look again: the other engine now waits for the next cycle
    }
    const Cycle next = next_issue_cycle(now);
    if (next > now) {
      wait(clock_.until(next), issue_event_);
    } else {
      wait(issue_event_);
    }
  }
}

// The first cycle after `now` at which a staged request could go, if no event changes anything first.
Cycle Dma::next_issue_cycle(Cycle now) const {
  if (request_open_) return -1;  // END_REQ will notify
  const bool slot = busy_slots_ < spec_.max_outstanding;
  if (!slot && releases_.empty()) return -1;  // a response will notify
  Cycle best = -1;
  for (const Engine* e : {&load_, &store_}) {
    if (e->staged == nullptr) continue;
    Cycle c = std::max({e->staged_at + 1, e->ready, request_free_, last_send_ + 1, now + 1});
    if (!slot) c = std::max(c, releases_.top());
    best = best < 0 ? c : std::min(best, c);
  }
  return best;
}

// Charges the cycles since the issuer's last look in which the staged request was eligible to what held
// it back then (nothing that matters changes between two looks: each change wakes the issuer).
void Dma::account_wait(Engine& e, Wait why, Cycle now) {
  const Cycle from = std::max(e.waiting_since, e.eligible_from);
  const auto cycles = static_cast<std::uint64_t>(std::max<Cycle>(0, now - from));
  switch (e.waiting) {
    case Wait::Slot:
      e.stats->outstanding_wait_cycles += cycles;
      break;
    case Wait::BackPressure:
      e.stats->backpressure_cycles += cycles;
      break;
    case Wait::Arbitration:
      e.stats->arbitration_cycles += cycles;
      break;
    case Wait::None:
      break;
  }
  e.waiting = why;
  e.waiting_since = now;
  if (e.staged != nullptr) e.eligible_from = std::max(e.staged_at + 1, e.ready);
}

void Dma::send(Engine& e, Cycle now) {
  DmaPayload& p = *e.staged;
  e.staged = nullptr;
  e.sent_at = now;
  e.taken.notify(sc_core::SC_ZERO_TIME);
  ++busy_slots_;
  stats_.peak_outstanding = std::max(stats_.peak_outstanding, busy_slots_);
  last_send_ = now;
  last_sender_ = &e;
  p.request->issue_ps =
      static_cast<std::uint64_t>(sc_core::sc_time_stamp() / sc_core::sc_time(1, sc_core::SC_PS));
  ++e.stats->requests;
  e.stats->bytes += p.get_data_length();
  ++p.tracker->unanswered;
  ++p.tracker->completion.requests;
  request_open_ = true;
  open_payload_ = &p;

  tlm::tlm_phase phase = tlm::BEGIN_REQ;
  sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
  switch (socket->nb_transport_fw(p, phase, delay)) {
    case tlm::TLM_ACCEPTED:
      break;  // END_REQ or BEGIN_RESP comes on the backward path
    case tlm::TLM_UPDATED:
      end_request(delay);
      if (phase == tlm::BEGIN_RESP) {
        tlm::tlm_phase end = tlm::END_RESP;  // a response on the return path is ended by a forward call
        sc_core::sc_time zero = sc_core::SC_ZERO_TIME;
        socket->nb_transport_fw(p, end, zero);
        on_response(p, delay);
      } else {
        sc_assert(phase == tlm::END_REQ);
      }
      break;
    case tlm::TLM_COMPLETED:
      end_request(delay);
      on_response(p, delay);
      break;
  }
}

// The channel takes the next BEGIN_REQ from the cycle after the one in which END_REQ arrived.
void Dma::end_request(const sc_core::sc_time& delay) {
  request_open_ = false;
  open_payload_ = nullptr;
  request_free_ = cycle_of(sc_core::sc_time_stamp() + delay) + 1;
  issue_event_.notify(sc_core::SC_ZERO_TIME);
}

void Dma::release_slot_at(Cycle c) {
  releases_.push(c);
  issue_event_.notify(sc_core::SC_ZERO_TIME);
}

tlm::tlm_sync_enum Dma::nb_transport_bw(tlm::tlm_generic_payload& gp, tlm::tlm_phase& phase,
                                        sc_core::sc_time& delay) {
  if (phase == tlm::END_REQ) {
    sc_assert(&gp == open_payload_);
    end_request(delay);
    return tlm::TLM_ACCEPTED;
  }
  sc_assert(phase == tlm::BEGIN_RESP);
  if (&gp == open_payload_) end_request(delay);  // BEGIN_RESP implies END_REQ
  on_response(static_cast<DmaPayload&>(gp), delay);
  return tlm::TLM_COMPLETED;  // responses are always accepted at once
}

}  // namespace systolica
