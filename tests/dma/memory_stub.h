#pragma once
// A fixed-latency main memory for DMA tests: a TLM-2.0 AT target with real storage. Header-only because
// the test build compiles only *_test.cpp files from tests/dma/.
//   - It accepts at most one request per cycle and holds at most `queue_depth` accepted, unanswered ones;
//     beyond that it withholds END_REQ (back-pressure) until a response frees a place.
//   - A request accepted in cycle a is answered (BEGIN_RESP) in cycle a + latency, in order, at most one
//     response per cycle. Writes take their bytes when accepted, reads copy theirs when answered.
//   - It logs every request, and copies no bytes when the payload has no data (timing-only runs).
#include <tlm_utils/simple_target_socket.h>

#include <deque>
#include <systemc>
#include <tlm>
#include <vector>

#include "arch/clock_domain.h"
#include "arch/mem/mem_request.h"

namespace systolica::test {

class MemoryStub : public sc_core::sc_module {
 public:
  struct Config {
    Cycle latency = 10;
    int queue_depth = 64;
    std::size_t bytes = 1 << 16;
  };
  struct Record {
    std::uint64_t address;
    unsigned length;
    bool write;
    bool had_data;
    Cycle accepted;
    Cycle answered = -1;
    RequesterKind kind;
    int core;
  };

  tlm_utils::simple_target_socket<MemoryStub> socket;
  std::vector<std::uint8_t> memory;
  std::vector<Record> log;
  std::uint64_t bytes_read = 0;     // answered reads
  std::uint64_t bytes_written = 0;  // answered writes
  int peak_queue = 0;

  MemoryStub(const sc_core::sc_module_name& name, const ClockDomain& clock, Config config)
      : sc_core::sc_module(name), socket("socket"), memory(config.bytes, 0), clock_(clock), config_(config) {
    socket.register_nb_transport_fw(this, &MemoryStub::nb_transport_fw);
    SC_HAS_PROCESS(MemoryStub);
    SC_THREAD(run);
  }

 private:
  struct Entry {
    tlm::tlm_generic_payload* gp;
    Cycle ready;
    std::size_t record;
  };

  bool can_accept() const {
    return static_cast<int>(queue_.size()) < config_.queue_depth && last_accept_ < clock_.now();
  }

  void accept(tlm::tlm_generic_payload& gp) {
    const Cycle now = clock_.now();
    last_accept_ = now;
    const auto* ext = gp.get_extension<MemRequestExtension>();
    sc_assert(ext != nullptr);  // every project payload says who asked
    log.push_back({gp.get_address(), gp.get_data_length(), gp.is_write(), gp.get_data_ptr() != nullptr, now,
                   -1, ext->kind, ext->core});
    gp.acquire();
    if (gp.get_address() + gp.get_data_length() > memory.size()) {
      gp.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
    } else {
      gp.set_response_status(tlm::TLM_OK_RESPONSE);
      if (gp.is_write() && gp.get_data_ptr() != nullptr) {
        std::copy_n(gp.get_data_ptr(), gp.get_data_length(), memory.begin() + gp.get_address());
      }
    }
    queue_.push_back({&gp, now + config_.latency, log.size() - 1});
    peak_queue = std::max(peak_queue, static_cast<int>(queue_.size()));
    wake_.notify(sc_core::SC_ZERO_TIME);
  }

  tlm::tlm_sync_enum nb_transport_fw(tlm::tlm_generic_payload& gp, tlm::tlm_phase& phase, sc_core::sc_time&) {
    if (phase == tlm::BEGIN_REQ) {
      sc_assert(pending_ == nullptr);  // the initiator must wait for END_REQ
      if (can_accept()) {
        accept(gp);
        phase = tlm::END_REQ;
        return tlm::TLM_UPDATED;
      }
      pending_ = &gp;  // back-pressure: END_REQ later
      wake_.notify(sc_core::SC_ZERO_TIME);
      return tlm::TLM_ACCEPTED;
    }
    sc_assert(phase == tlm::END_RESP);
    response_open_ = false;
    wake_.notify(sc_core::SC_ZERO_TIME);
    return tlm::TLM_COMPLETED;
  }

  void respond() {
    Entry e = queue_.front();
    queue_.pop_front();
    last_response_ = clock_.now();
    Record& r = log[e.record];
    r.answered = clock_.now();
    tlm::tlm_generic_payload& gp = *e.gp;
    if (gp.is_read()) {
      bytes_read += gp.get_data_length();
      if (gp.get_data_ptr() != nullptr && gp.is_response_ok()) {
        std::copy_n(memory.begin() + gp.get_address(), gp.get_data_length(), gp.get_data_ptr());
      }
    } else {
      bytes_written += gp.get_data_length();
    }
    tlm::tlm_phase phase = tlm::BEGIN_RESP;
    sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
    response_open_ = socket->nb_transport_bw(gp, phase, delay) != tlm::TLM_COMPLETED;
    gp.release();
  }

  void run() {
    for (;;) {
      const Cycle now = clock_.now();
      if (!queue_.empty() && queue_.front().ready <= now && !response_open_ && last_response_ < now)
        respond();
      if (pending_ != nullptr && can_accept()) {
        tlm::tlm_generic_payload& gp = *pending_;
        pending_ = nullptr;
        accept(gp);
        tlm::tlm_phase phase = tlm::END_REQ;
        sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
        socket->nb_transport_bw(gp, phase, delay);
      }
      Cycle next = -1;  // the next cycle something can happen, or none: wait for a call
      if (!queue_.empty() && !response_open_) next = std::max(queue_.front().ready, last_response_ + 1);
      if (pending_ != nullptr && static_cast<int>(queue_.size()) < config_.queue_depth) {
        next = next < 0 ? last_accept_ + 1 : std::min(next, last_accept_ + 1);
      }
      if (next >= 0 && next > now) {
        wait(clock_.until(next), wake_);
      } else if (next >= 0) {
        wait(sc_core::SC_ZERO_TIME);
      } else {
        wait(wake_);
      }
    }
  }

  ClockDomain clock_;
  Config config_;
  std::deque<Entry> queue_;
  tlm::tlm_generic_payload* pending_ = nullptr;
  Cycle last_accept_ = -1;
  Cycle last_response_ = -1;
  bool response_open_ = false;
  sc_core::sc_event wake_;
};

}  // namespace systolica::test
