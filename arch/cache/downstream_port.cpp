#include "arch/cache/downstream_port.h"

#include <algorithm>
#include <cmath>

#include "arch/cache/cache_check.h"
#include "arch/cache/l2_time.h"

namespace systolica {

DownstreamPort::DownstreamPort(const sc_core::sc_module_name& name, tlm::tlm_initiator_socket<>& socket,
                               const ClockDomain& clock, Deliver deliver)
    : sc_core::sc_module(name), socket_(socket), clock_(clock), deliver_(std::move(deliver)) {
  SC_HAS_PROCESS(DownstreamPort);
  SC_METHOD(send);
  sensitive << wake_;
  dont_initialize();
}

void DownstreamPort::push(DownPayload& p, Cycle ready) {
  L2_CHECK(queue_.empty() || queue_.back().ready <= ready, "line requests queued out of order");
  queue_.push_back({&p, ready});
  wake_.notify(clock_.until(ready));
}

void DownstreamPort::send() {
  if (awaiting_ != nullptr || queue_.empty()) {
    return;  // END_REQ, or a push, wakes us again
  }
  const sc_core::sc_time& now = sc_core::sc_time_stamp();
  const Cycle when = std::max({cycle_at_or_after(clock_, now), queue_.front().ready, next_send_});
  if (clock_.time_of(when) != now) {
    wake_.notify(clock_.until(when));
    return;
  }
  DownPayload& p = *queue_.front().payload;
  queue_.pop_front();
  next_send_ = when + 1;
  ++in_memory_;
  p.request().id = next_id_++;
  p.request().issue_ps = static_cast<std::uint64_t>(std::llround(now / sc_core::sc_time(1, sc_core::SC_PS)));
  p.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
  awaiting_ = &p;  // before the call: memory may answer END_REQ from inside it
  tlm::tlm_phase phase = tlm::BEGIN_REQ;
  sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
  const tlm::tlm_sync_enum status = socket_->nb_transport_fw(p, phase, delay);
  if (status == tlm::TLM_COMPLETED) {
    awaiting_ = nullptr;
    answered(p, now + delay);
  } else if (status == tlm::TLM_UPDATED) {
    awaiting_ = nullptr;
    L2_CHECK(phase == tlm::END_REQ || phase == tlm::BEGIN_RESP, "memory answered BEGIN_REQ with phase {}",
             static_cast<int>(phase));
    if (phase == tlm::BEGIN_RESP) {  // accepted and answered at once: close the response phase ourselves
      answered(p, now + delay);
      tlm::tlm_phase end = tlm::END_RESP;
      sc_core::sc_time zero = sc_core::SC_ZERO_TIME;
      socket_->nb_transport_fw(p, end, zero);
    }
  }
  if (awaiting_ == nullptr && !queue_.empty()) {
    wake_.notify(clock_.until(std::max(next_send_, queue_.front().ready)));
  }
}

tlm::tlm_sync_enum DownstreamPort::nb_transport_bw(tlm::tlm_generic_payload& gp, tlm::tlm_phase& phase,
                                                   sc_core::sc_time& delay) {
  auto& p = static_cast<DownPayload&>(gp);  // every payload on this link is one of ours
  if (phase == tlm::END_REQ || (phase == tlm::BEGIN_RESP && awaiting_ == &p)) {
    L2_CHECK(awaiting_ == &p, "END_REQ from memory for a request it was not asked to accept");
    awaiting_ = nullptr;
    if (!queue_.empty()) {
      wake_.notify(clock_.until(std::max(next_send_, queue_.front().ready)));
    }
  }
  if (phase == tlm::END_REQ) {
    return tlm::TLM_ACCEPTED;
  }
  L2_CHECK(phase == tlm::BEGIN_RESP, "unexpected phase {} from memory", static_cast<int>(phase));
  answered(p, sc_core::sc_time_stamp() + delay);
  return tlm::TLM_COMPLETED;
}

void DownstreamPort::answered(DownPayload& p, const sc_core::sc_time& at) {
  L2_CHECK(p.is_response_ok(), "memory answered the {} of {:#x} with {}", p.fill ? "fill" : "write-back",
           p.get_address(), p.get_response_string());
  L2_CHECK(in_memory_ > 0, "an answer from memory that nothing waits for");
  --in_memory_;
  deliver_(p, at);
}

}  // namespace systolica
