#pragma once
// A memory for the L2 tests: every request is answered exactly `latency` cycles of its own clock after it
// was accepted, in acceptance order. It can hold only `capacity` requests at once and withholds END_REQ
// while full, so the L2's back-pressure path runs. It keeps real bytes (an untouched byte reads as
// initial_byte(address)) and a log of every request, for write-back and conservation checks. With
// `answer` false it accepts and never answers: the stuck memory of the watchdog's own test.
#include <gtest/gtest.h>
#include <tlm_utils/simple_target_socket.h>

#include <cstdint>
#include <cstring>
#include <deque>
#include <systemc>
#include <tlm>
#include <unordered_map>
#include <vector>

#include "arch/cache/l2_time.h"
#include "arch/clock_domain.h"
#include "arch/mem/mem_request.h"

namespace systolica::test {

inline std::uint8_t initial_byte(std::uint64_t address) {
  return static_cast<std::uint8_t>((address * 2654435761u) >> 13);
}

struct MemoryLogEntry {
  sc_core::sc_time accepted;
  bool write;
  std::uint64_t address;
  unsigned bytes;
  int core;
  RequesterKind kind;
  std::vector<std::uint8_t> data;  // what was written (functional writes)
};

class FixedLatencyMemory : public sc_core::sc_module {
 public:
  tlm_utils::simple_target_socket<FixedLatencyMemory> socket;

  FixedLatencyMemory(const sc_core::sc_module_name& name, const ClockDomain& clock, Cycle latency,
                     std::size_t capacity = 1 << 20, bool answer = true)
      : sc_core::sc_module(name),
        socket("socket"),
        clock_(clock),
        latency_(latency),
        capacity_(capacity),
        answer_(answer) {
    socket.register_nb_transport_fw(this, &FixedLatencyMemory::nb_transport_fw);
    SC_HAS_PROCESS(FixedLatencyMemory);
    SC_METHOD(step);
    sensitive << wake_;
    dont_initialize();
  }

  std::uint8_t byte(std::uint64_t address) const {
    const auto it = bytes_.find(address);
    return it == bytes_.end() ? initial_byte(address) : it->second;
  }
  const std::vector<MemoryLogEntry>& log() const { return log_; }
  std::size_t held() const { return in_flight_.size() + (refused_ != nullptr ? 1 : 0); }

 private:
  struct InFlight {
    tlm::tlm_generic_payload* gp;
    sc_core::sc_time ready;
  };

  tlm::tlm_sync_enum nb_transport_fw(tlm::tlm_generic_payload& gp, tlm::tlm_phase& phase,
                                     sc_core::sc_time& delay) {
    if (phase == tlm::END_RESP) {
      return tlm::TLM_COMPLETED;  // the L2 answers TLM_COMPLETED; never reached
    }
    EXPECT_EQ(phase, tlm::BEGIN_REQ);
    EXPECT_EQ(delay, sc_core::SC_ZERO_TIME);
    EXPECT_EQ(refused_, nullptr) << "BEGIN_REQ before END_REQ";
    if (in_flight_.size() >= capacity_) {
      refused_ = &gp;
      return tlm::TLM_ACCEPTED;
    }
    accept(gp);
    phase = tlm::END_REQ;
    return tlm::TLM_UPDATED;
  }

  void accept(tlm::tlm_generic_payload& gp) {
    const auto* req = gp.get_extension<MemRequestExtension>();
    EXPECT_NE(req, nullptr);
    MemoryLogEntry e{sc_core::sc_time_stamp(),
                     gp.is_write(),
                     gp.get_address(),
                     gp.get_data_length(),
                     req != nullptr ? req->core : -1,
                     req != nullptr ? req->kind : RequesterKind::Trace,
                     {}};
    if (gp.is_write() && gp.get_data_ptr() != nullptr) {
      e.data.assign(gp.get_data_ptr(), gp.get_data_ptr() + gp.get_data_length());
      for (unsigned i = 0; i < gp.get_data_length(); ++i) {
        bytes_[gp.get_address() + i] = e.data[i];
      }
    }
    log_.push_back(std::move(e));
    const Cycle start = cycle_at_or_after(clock_, sc_core::sc_time_stamp());
    in_flight_.push_back({&gp, clock_.time_of(start + latency_)});
    if (answer_) {
      wake_.notify(in_flight_.back().ready - sc_core::sc_time_stamp());
    }
  }

  void step() {
    const sc_core::sc_time& now = sc_core::sc_time_stamp();
    while (!in_flight_.empty() && in_flight_.front().ready <= now) {
      tlm::tlm_generic_payload& gp = *in_flight_.front().gp;
      in_flight_.pop_front();
      if (gp.is_read() && gp.get_data_ptr() != nullptr) {
        for (unsigned i = 0; i < gp.get_data_length(); ++i) {
          gp.get_data_ptr()[i] = byte(gp.get_address() + i);
        }
      }
      gp.set_response_status(tlm::TLM_OK_RESPONSE);
      tlm::tlm_phase phase = tlm::BEGIN_RESP;
      sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
      EXPECT_EQ(socket->nb_transport_bw(gp, phase, delay), tlm::TLM_COMPLETED);
      if (refused_ != nullptr) {  // a slot is free: accept the held request now
        tlm::tlm_generic_payload& next = *refused_;
        refused_ = nullptr;
        accept(next);
        tlm::tlm_phase end = tlm::END_REQ;
        sc_core::sc_time zero = sc_core::SC_ZERO_TIME;
        socket->nb_transport_bw(next, end, zero);
      }
    }
    if (!in_flight_.empty()) {
      wake_.notify(in_flight_.front().ready - now);
    }
  }

  ClockDomain clock_;
  Cycle latency_;
  std::size_t capacity_;
  bool answer_;
  std::deque<InFlight> in_flight_;
  tlm::tlm_generic_payload* refused_ = nullptr;
  std::unordered_map<std::uint64_t, std::uint8_t> bytes_;
  std::vector<MemoryLogEntry> log_;
  sc_core::sc_event wake_;
};

}  // namespace systolica::test
