#pragma once
// One L2 bank in time. Requests wait in a bounded input queue; the bank starts at most one access per L2
// cycle, in arrival order, and a hit answers hit_latency cycles after its start. A miss sends its fill (and
// any dirty victim) toward memory at the same point, and its requests are answered in the cycle the fill
// arrives. A request that cannot start (no MSHR, no write buffer, ...) holds the queue: when the queue is
// full END_REQ is withheld, which is the back-pressure upstream sees. The bank sleeps until the next
// cycle at which something can happen. docs/l2_cache.md derives the latencies.
#include <deque>
#include <memory>
#include <queue>
#include <string>
#include <systemc>
#include <tlm>
#include <vector>

#include "arch/cache/bank_core.h"
#include "arch/cache/down_payload.h"
#include "arch/cache/downstream_port.h"
#include "arch/clock_domain.h"

namespace systolica {

struct BankTiming {
  int hit_latency = 10;  // L2 cycles from the start of an access to its answer on a hit
  int input_queue = 8;   // requests accepted (END_REQ sent) that have not started
};

class L2Bank : public sc_core::sc_module {
 public:
  L2Bank(const sc_core::sc_module_name& name, int index, const BankConfig& config, const BankTiming& timing,
         const ClockDomain& clock, DownstreamPort& memory);

  void bind_upstream(tlm::tlm_bw_transport_if<>* upstream) { upstream_ = upstream; }
  // BEGIN_REQ: TLM_UPDATED with END_REQ if the queue has room, else TLM_ACCEPTED and END_REQ later.
  tlm::tlm_sync_enum begin_request(tlm::tlm_generic_payload& gp, tlm::tlm_phase& phase,
                                   const sc_core::sc_time& delay);
  void end_response(tlm::tlm_generic_payload& gp);
  void memory_answered(DownPayload& p, const sc_core::sc_time& at);

  const BankCore& core() const { return core_; }
  std::size_t in_flight() const { return in_flight_; }  // accepted or withheld, not yet answered
  std::string describe() const;

 private:
  struct Waiting {
    tlm::tlm_generic_payload* gp;
    Access access;
    Cycle arrival;                // first cycle it may start
    std::uint64_t starts_before;  // accesses the bank had started before cycle `arrival`
    Cycle blocked_since = -1;
  };
  struct Response {
    Cycle ready;
    std::uint64_t seq;  // ties answer in the order they became ready
    tlm::tlm_generic_payload* gp;
    bool operator>(const Response& o) const { return ready != o.ready ? ready > o.ready : seq > o.seq; }
  };
  struct Answer {
    DownPayload* payload;
    Cycle at;
  };

  void step();  // SC_METHOD
  void settle_answers(Cycle c);
  bool start_one(Cycle c);
  void send_to_memory(DownPayload& p, std::uint64_t line, bool write, std::uint8_t* data, int requester,
                      Cycle ready);
  void admit_withheld(Cycle c);
  void send_responses(Cycle c);
  void sleep(Cycle c);
  void enqueue(tlm::tlm_generic_payload& gp, Cycle arrival);
  void answer(tlm::tlm_generic_payload& gp, Cycle ready) { responses_.push({ready, seq_++, &gp}); }
  Cycle arrival_cycle(const sc_core::sc_time& at) const;

  BankCore core_;
  BankTiming timing_;
  ClockDomain clock_;
  DownstreamPort& memory_;
  tlm::tlm_bw_transport_if<>* upstream_ = nullptr;
  bool functional_;

  std::deque<Waiting> input_;
  tlm::tlm_generic_payload* withheld_ = nullptr;  // the one request whose END_REQ is held back
  sc_core::sc_time withheld_at_;
  std::priority_queue<Response, std::vector<Response>, std::greater<Response>> responses_;
  tlm::tlm_generic_payload* answering_ = nullptr;  // BEGIN_RESP sent, END_RESP not yet seen
  std::vector<Answer> answers_;                    // memory's answers, settled at their cycle

  KeepPayloads keep_;
  std::vector<std::unique_ptr<DownPayload>> fill_payloads_;       // one per MSHR
  std::vector<std::unique_ptr<DownPayload>> writeback_payloads_;  // one per write-buffer entry

  std::uint64_t starts_ = 0;
  Cycle last_start_ = -1;
  Cycle next_start_ = 0;
  bool blocked_ = false;  // the head could not start; a memory answer or END_RESP will retry it
  std::uint64_t seq_ = 0;
  std::size_t in_flight_ = 0;
  sc_core::sc_event wake_;
};

}  // namespace systolica
