#pragma once
// The L2's one link to memory, shared by all banks. Banks queue line requests with the cycle they are
// ready; the port sends them in that order, at most one per L2 cycle, and never a second before memory
// has accepted the first (END_REQ): memory's back-pressure stops here and, through the MSHRs and write
// buffers that stay busy, reaches the banks. The queue needs no bound of its own: every entry is an MSHR or
// a write-buffer entry. Memory's answers are taken at once (TLM_COMPLETED) and handed to their bank.
#include <deque>
#include <functional>
#include <systemc>
#include <tlm>

#include "arch/cache/down_payload.h"
#include "arch/clock_domain.h"

namespace systolica {

class DownstreamPort : public sc_core::sc_module {
 public:
  using Deliver = std::function<void(DownPayload&, const sc_core::sc_time& arrival)>;

  DownstreamPort(const sc_core::sc_module_name& name, tlm::tlm_initiator_socket<>& socket,
                 const ClockDomain& clock, Deliver deliver);

  void push(DownPayload& p, Cycle ready);
  tlm::tlm_sync_enum nb_transport_bw(tlm::tlm_generic_payload& gp, tlm::tlm_phase& phase,
                                     sc_core::sc_time& delay);

  std::size_t queued() const { return queue_.size(); }  // not yet accepted by memory
  std::size_t in_memory() const { return in_memory_; }  // sent and not yet answered
  bool awaiting_accept() const { return awaiting_ != nullptr; }

 private:
  struct Queued {
    DownPayload* payload;
    Cycle ready;
  };

  void send();  // SC_METHOD
  void answered(DownPayload& p, const sc_core::sc_time& at);

  tlm::tlm_initiator_socket<>& socket_;
  ClockDomain clock_;
  Deliver deliver_;
  std::deque<Queued> queue_;
  DownPayload* awaiting_ = nullptr;  // sent, END_REQ not yet seen
  Cycle next_send_ = 0;
  std::size_t in_memory_ = 0;
  std::uint64_t next_id_ = 0;
  sc_core::sc_event wake_;
};

}  // namespace systolica
