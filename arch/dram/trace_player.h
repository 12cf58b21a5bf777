#pragma once
// A TLM initiator that replays a DRAM trace (`systolica dram`): requests in order, at most one per DRAM
// clock and not before their time, each one burst long, timing-only (no data). It takes every response
// at once. It records when each request was accepted, which is all the trace replay needs: latencies
// are measured by the controller, from acceptance to data.
#include <tlm_utils/simple_initiator_socket.h>

#include <cstdint>
#include <memory>
#include <systemc>
#include <tlm>
#include <vector>

#include "arch/clock_domain.h"
#include "arch/dram/trace_request.h"

namespace systolica::dram {

class TracePlayer : public sc_core::sc_module {
 public:
  tlm_utils::simple_initiator_socket<TracePlayer> socket;

  TracePlayer(sc_core::sc_module_name name, const std::vector<TraceRequest>& trace, const ClockDomain& clock,
              int tCK_ps, int burst_bytes);

  std::uint64_t accepted() const { return next_; }
  std::uint64_t answered() const { return answered_; }
  std::uint64_t errors() const { return errors_; }
  std::uint64_t bytes_requested() const { return bytes_requested_; }
  std::uint64_t bytes_answered() const { return bytes_answered_; }

 private:
  void offer();
  void on_accepted();
  tlm::tlm_sync_enum nb_transport_bw(tlm::tlm_generic_payload& payload, tlm::tlm_phase& phase,
                                     sc_core::sc_time& delay);
  tlm::tlm_generic_payload* take_payload();

  const std::vector<TraceRequest>& trace_;
  const ClockDomain& clock_;
  int tck_ps_;
  int burst_bytes_;
  sc_core::sc_event wake_;
  std::size_t next_ = 0;       // the next request to offer
  DramCycle offer_from_ = 0;   // one request per clock
  tlm::tlm_generic_payload* awaiting_end_req_ = nullptr;  // the request whose END_REQ is withheld
  std::vector<std::unique_ptr<tlm::tlm_generic_payload>> payloads_;
  std::vector<tlm::tlm_generic_payload*> free_;
  std::uint64_t answered_ = 0, errors_ = 0, bytes_requested_ = 0, bytes_answered_ = 0;
};

}  // namespace systolica::dram
