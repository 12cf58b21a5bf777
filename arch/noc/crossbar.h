#pragma once
// The interconnect between the cores' DMA engines and the shared L2 banks (or the DRAM when there is no
// L2): a crossbar with one link per requester and one per target, a configurable width in bytes per
// cycle, a pipeline latency, and round-robin or fixed-priority arbitration per target.
//
// Every link carries one transfer at a time. A transfer of B bytes takes ceil(B / width) cycles on its
// link (a read request or a write acknowledgement is one cycle: only the header moves) and arrives
// `latency` cycles after its last beat leaves. Queues are bounded: a full input queue withholds END_REQ
// from the requester, a full response queue withholds END_RESP from the target (docs/memory_protocol.md).
#include <tlm_utils/multi_passthrough_initiator_socket.h>
#include <tlm_utils/multi_passthrough_target_socket.h>

#include <deque>
#include <functional>
#include <systemc>
#include <tlm>
#include <unordered_map>
#include <vector>

#include "arch/clock_domain.h"

namespace systolica {

enum class Arbitration { RoundRobin, FixedPriority };

struct CrossbarSpec {
  int width_bytes = 32;    // bytes per cycle on every link
  int latency_cycles = 1;  // pipeline cycles from a transfer's last beat to its arrival
  int queue_depth = 4;     // requests per input, responses per requester
  Arbitration arbitration = Arbitration::RoundRobin;
};

struct CrossbarStats {
  // Per requester. requests: BEGIN_REQs received. request_bytes and response_bytes: the data length of
  // every request received and every response sent, whatever its direction, so each is the bytes the
  // transactions were about (reads and writes alike), not what the links carried.
  std::vector<std::uint64_t> requests, request_bytes, response_bytes;
  // Per requester, what the links carried: messages (requests granted a target link, responses sent on
  // the requester's link) and their data bytes (a write's data on its request, a read's on its response;
  // a read request or a write acknowledgement is a header only and carries none).
  std::vector<std::uint64_t> messages, payload_bytes;
  std::vector<std::uint64_t> busy_cycles, contended_cycles;  // per target: link use, losers
};

class Crossbar : public sc_core::sc_module {
 public:
  tlm_utils::multi_passthrough_target_socket<Crossbar> upstream;       // index: requester (core)
  tlm_utils::multi_passthrough_initiator_socket<Crossbar> downstream;  // index: target (L2 bank or DRAM)

  using Router = std::function<int(std::uint64_t address)>;  // address -> downstream index

  Crossbar(const sc_core::sc_module_name& name, const CrossbarSpec& spec, const ClockDomain& clock,
           int requesters, int targets, Router route);

  const CrossbarStats& stats() const { return stats_; }
  bool idle() const;  // nothing queued or in flight (for watchdogs and end-of-run checks)

 private:
  using Payload = tlm::tlm_generic_payload;
  struct Transfer {
    Payload* payload = nullptr;
    Cycle arrives = 0;  // the cycle it is handed over at the far end
  };
  struct Routed {
    Payload* payload = nullptr;
    int target = 0;  // routed once, when the request arrives
  };
  struct Requester {
    std::deque<Routed> requests;     // accepted, waiting for their target link
    Routed refused;                  // a BEGIN_REQ we did not accept yet (queue full)
    std::deque<Payload*> responses;  // from targets, waiting for this requester's link
    Transfer response_in_flight;
    Cycle link_free = 0;  // response link
    bool awaiting_end_resp = false;
  };
  struct Target {
    Transfer request_in_flight;
    Cycle link_free = 0;  // request link
    bool awaiting_end_req = false;
    Payload* held_response = nullptr;  // a BEGIN_RESP we did not accept yet (response queue full)
    int next_grant = 0;                // round-robin pointer
  };

  tlm::tlm_sync_enum nb_transport_fw(int id, Payload& p, tlm::tlm_phase& phase, sc_core::sc_time& delay);
  tlm::tlm_sync_enum nb_transport_bw(int id, Payload& p, tlm::tlm_phase& phase, sc_core::sc_time& delay);
  void step();  // SC_METHOD on wake_: moves everything that can move now, then sleeps until the next time
  bool grant(int target, Cycle now);
  void deliver_request(int target);
  void accept_response(int target, Payload& p);
  int beats(const Payload& p, bool request) const;

  CrossbarSpec spec_;
  ClockDomain clock_;
  Router route_;
  std::vector<Requester> requesters_;
  std::vector<Target> targets_;
  std::unordered_map<Payload*, int> origin_;  // payload -> requester index, while in flight
  CrossbarStats stats_;
  sc_core::sc_event wake_;
};

}  // namespace systolica
