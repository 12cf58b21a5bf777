#include "arch/cache/l2_bank.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>

#include "arch/cache/cache_check.h"
#include "arch/cache/l2_time.h"

namespace systolica {

L2Bank::L2Bank(const sc_core::sc_module_name& name, int index, const BankConfig& config,
               const BankTiming& timing, const ClockDomain& clock, DownstreamPort& memory)
    : sc_core::sc_module(name),
      core_(config),
      timing_(timing),
      clock_(clock),
      memory_(memory),
      functional_(config.functional) {
  L2_CHECK(timing.hit_latency >= 1 && timing.input_queue >= 1, "hit latency {}, input queue {}",
           timing.hit_latency, timing.input_queue);
  for (int m = 0; m < core_.mshr_slots(); ++m) {
    fill_payloads_.push_back(std::make_unique<DownPayload>(index, m, true, &keep_));
    if (functional_) {
      fill_payloads_.back()->line.resize(config.geometry.line_bytes);
    }
  }
  for (int w = 0; w < core_.writeback_slots(); ++w) {
    writeback_payloads_.push_back(std::make_unique<DownPayload>(index, w, false, &keep_));
  }
  SC_HAS_PROCESS(L2Bank);
  SC_METHOD(step);
  sensitive << wake_;
  dont_initialize();
}

Cycle L2Bank::arrival_cycle(const sc_core::sc_time& at) const {
  return cycle_at_or_after(clock_, at);
}

tlm::tlm_sync_enum L2Bank::begin_request(tlm::tlm_generic_payload& gp, tlm::tlm_phase& phase,
                                         const sc_core::sc_time& delay) {
  L2_CHECK(withheld_ == nullptr, "{}: a second BEGIN_REQ before END_REQ of the first", name());
  ++in_flight_;
  const sc_core::sc_time at = sc_core::sc_time_stamp() + delay;
  if (static_cast<int>(input_.size()) < timing_.input_queue) {
    enqueue(gp, arrival_cycle(at));
    phase = tlm::END_REQ;
    return tlm::TLM_UPDATED;
  }
  withheld_ = &gp;
  withheld_at_ = at;
  return tlm::TLM_ACCEPTED;
}

void L2Bank::enqueue(tlm::tlm_generic_payload& gp, Cycle arrival) {
  const auto* req = gp.get_extension<MemRequestExtension>();
  L2_CHECK(req != nullptr, "{}: request {:#x} carries no MemRequestExtension", name(), gp.get_address());
  L2_CHECK(gp.is_read() || gp.is_write(), "{}: command {} is neither read nor write", name(),
           static_cast<int>(gp.get_command()));
  L2_CHECK(gp.get_byte_enable_ptr() == nullptr, "{}: byte enables are not supported", name());
  Access a;
  a.address = gp.get_address();
  a.size = gp.get_data_length();
  a.write = gp.is_write();
  a.requester = req->core;
  a.data = gp.get_data_ptr();
  a.token = &gp;
  // A start already made in the arrival cycle is one this request lost: count it as a conflict.
  const std::uint64_t before = starts_ - (last_start_ == arrival ? 1 : 0);
  input_.push_back(Waiting{&gp, a, arrival, before});
  wake_.notify(clock_.until(arrival));
}

void L2Bank::end_response(tlm::tlm_generic_payload& gp) {
  L2_CHECK(answering_ == &gp, "{}: END_RESP for a response not in progress", name());
  answering_ = nullptr;
  --in_flight_;
  wake_.notify(sc_core::SC_ZERO_TIME);
}

void L2Bank::memory_answered(DownPayload& p, const sc_core::sc_time& at) {
  const Cycle c = arrival_cycle(at);
  answers_.push_back({&p, c});
  wake_.notify(clock_.until(c));
}

void L2Bank::step() {
  const sc_core::sc_time& now = sc_core::sc_time_stamp();
  const Cycle c = cycle_at_or_after(clock_, now);
  if (clock_.time_of(c) != now) {  // woken between edges: act at the next one
    wake_.notify(clock_.until(c));
    return;
  }
  settle_answers(c);  // first, so a request starting in the cycle its line lands hits
  start_one(c);
  admit_withheld(c);
  send_responses(c);
  sleep(c);
}

void L2Bank::settle_answers(Cycle c) {
  auto ready =
      std::stable_partition(answers_.begin(), answers_.end(), [c](const Answer& a) { return a.at <= c; });
  for (auto it = answers_.begin(); it != ready; ++it) {
    DownPayload& p = *it->payload;
    if (!p.fill) {
      core_.complete_writeback(p.slot);
      continue;
    }
    for (const Access& a : core_.complete_fill(p.slot, functional_ ? p.line.data() : nullptr)) {
      answer(*static_cast<tlm::tlm_generic_payload*>(a.token), c);
    }
  }
  answers_.erase(answers_.begin(), ready);
}

bool L2Bank::start_one(Cycle c) {
  if (input_.empty() || c < next_start_ || input_.front().arrival > c) {
    return false;
  }
  Waiting& w = input_.front();
  // An answer the upstream has not taken yet stalls the bank: its output is occupied.
  const AccessResult r = answering_ != nullptr ? AccessResult{} : core_.access(w.access);
  if (r.outcome == Outcome::Blocked) {
    if (w.blocked_since < 0) {
      w.blocked_since = c;
    }
    blocked_ = true;
    return false;
  }
  blocked_ = false;
  L2Counters& s = core_.stats().of(w.access.requester);
  if (w.blocked_since >= 0) {
    s.blocked_cycles += static_cast<std::uint64_t>(c - w.blocked_since);
  }
  s.bank_conflicts += starts_ - w.starts_before;
  ++starts_;
  last_start_ = c;
  next_start_ = c + 1;
  const Cycle done = c + timing_.hit_latency;
  if (r.outcome == Outcome::Hit || r.outcome == Outcome::MissNoFill) {
    answer(*w.gp, done);
  }
  if (r.outcome == Outcome::MissFill) {
    DownPayload& p = *fill_payloads_[r.mshr];
    send_to_memory(p, core_.fill_line(r.mshr), false, functional_ ? p.line.data() : nullptr,
                   w.access.requester, done);
  }
  if (r.writeback >= 0) {  // after the fill: the requester waits for the read, not for the write
    const WritebackEntry& e = core_.writeback(r.writeback);
    send_to_memory(*writeback_payloads_[r.writeback], core_.writeback_line(r.writeback), true,
                   functional_ ? const_cast<std::uint8_t*>(e.data.data()) : nullptr, e.requester, done);
  }
  input_.pop_front();
  return true;
}

void L2Bank::send_to_memory(DownPayload& p, std::uint64_t line, bool write, std::uint8_t* data, int requester,
                            Cycle ready) {
  const auto bytes = static_cast<unsigned>(core_.geometry().line_bytes);
  p.set_command(write ? tlm::TLM_WRITE_COMMAND : tlm::TLM_READ_COMMAND);
  p.set_address(core_.geometry().address_of(line));
  p.set_data_ptr(data);
  p.set_data_length(bytes);
  p.set_streaming_width(bytes);
  p.set_byte_enable_ptr(nullptr);
  p.set_byte_enable_length(0);
  p.set_dmi_allowed(false);
  p.request().core = requester;
  p.request().kind = write ? RequesterKind::CacheWriteback : RequesterKind::CacheFill;
  memory_.push(p, ready);
}

void L2Bank::admit_withheld(Cycle c) {
  if (withheld_ == nullptr || static_cast<int>(input_.size()) >= timing_.input_queue) {
    return;
  }
  tlm::tlm_generic_payload& gp = *withheld_;
  withheld_ = nullptr;  // first: the initiator may send its next request from inside END_REQ
  enqueue(gp, std::max(c, arrival_cycle(withheld_at_)));
  tlm::tlm_phase phase = tlm::END_REQ;
  sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
  upstream_->nb_transport_bw(gp, phase, delay);
}

void L2Bank::send_responses(Cycle c) {
  while (answering_ == nullptr && !responses_.empty() && responses_.top().ready <= c) {
    tlm::tlm_generic_payload& gp = *responses_.top().gp;
    responses_.pop();
    gp.set_response_status(tlm::TLM_OK_RESPONSE);
    answering_ = &gp;  // first: the initiator may answer END_RESP from inside the call
    tlm::tlm_phase phase = tlm::BEGIN_RESP;
    sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
    const tlm::tlm_sync_enum status = upstream_->nb_transport_bw(gp, phase, delay);
    if (status == tlm::TLM_COMPLETED || (status == tlm::TLM_UPDATED && phase == tlm::END_RESP)) {
      answering_ = nullptr;
      --in_flight_;
    }
  }
}

void L2Bank::sleep(Cycle c) {
  Cycle next = std::numeric_limits<Cycle>::max();
  for (const Answer& a : answers_) {
    next = std::min(next, a.at);
  }
  if (answering_ == nullptr) {
    if (!responses_.empty()) {
      next = std::min(next, responses_.top().ready);
    }
    if (!input_.empty() && !blocked_) {
      next = std::min(next, std::max({next_start_, input_.front().arrival, c + 1}));
    }
  }
  if (next != std::numeric_limits<Cycle>::max()) {
    wake_.notify(clock_.until(next));
  }
}

std::string L2Bank::describe() const {
  return fmt::format("{} in flight ({} queued{}, {} answers pending{}), {}/{} MSHRs, {}/{} write buffers{}",
                     in_flight_, input_.size(), withheld_ != nullptr ? " + 1 withheld" : "",
                     responses_.size(), answering_ != nullptr ? ", upstream has not taken the last" : "",
                     core_.mshrs_in_use(), core_.mshr_slots(), core_.writebacks_in_use(),
                     core_.writeback_slots(), blocked_ ? ", head blocked" : "");
}

}  // namespace systolica
