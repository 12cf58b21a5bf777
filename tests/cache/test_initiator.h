#pragma once
// The requesters' side of the L2 tests: one initiator binding per L2 bank, standing in for the
// interconnect. Requests go to the bank L2Cache::bank_of() names, each bank's in submission order, no
// earlier than their `at` cycle and never before the L2 has accepted the bank's previous request
// (END_REQ). It records when each request was sent, accepted and answered, and how often it was answered.
// It can also hold back END_RESP on every n-th answer, as a slow interconnect would.
#include <gtest/gtest.h>
#include <tlm_utils/multi_passthrough_initiator_socket.h>

#include <deque>
#include <functional>
#include <limits>
#include <memory>
#include <systemc>
#include <tlm>
#include <unordered_map>
#include <vector>

#include "arch/cache/l2_cache.h"
#include "arch/cache/l2_time.h"
#include "arch/mem/mem_request.h"

namespace systolica::test {

struct TestRequest {
  Cycle at = 0;  // earliest cycle to send it
  std::uint64_t address = 0;
  unsigned size = 64;
  bool write = false;
  int core = 0;
  std::vector<std::uint8_t> data;  // write: the bytes written; read: the bytes returned (functional)

  sc_core::sc_time sent, accepted, answered;  // BEGIN_REQ, END_REQ, BEGIN_RESP
  int answers = 0;
};

inline TestRequest make_request(Cycle at, std::uint64_t address, unsigned size, bool write, int core) {
  TestRequest r;
  r.at = at;
  r.address = address;
  r.size = size;
  r.write = write;
  r.core = core;
  return r;
}

class TestInitiator : public sc_core::sc_module {
 public:
  tlm_utils::multi_passthrough_initiator_socket<TestInitiator> socket;
  std::function<void(TestRequest&)> on_send;    // just before BEGIN_REQ (the order the bank sees)
  std::function<void(TestRequest&)> on_answer;  // at BEGIN_RESP
  std::function<int(std::uint64_t)> route;      // address -> bank; L2Cache::bank_of unless a test misroutes

  TestInitiator(const sc_core::sc_module_name& name, const L2Spec& spec, const ClockDomain& clock,
                bool functional)
      : sc_core::sc_module(name),
        socket("socket"),
        spec_(spec),
        clock_(clock),
        functional_(functional),
        pending_(spec.banks),
        awaiting_(spec.banks, false) {
    socket.register_nb_transport_bw(this, &TestInitiator::nb_transport_bw);
    SC_HAS_PROCESS(TestInitiator);
    SC_METHOD(step);  // runs once at time 0, then when woken
    sensitive << wake_;
    SC_METHOD(release);
    sensitive << release_;
    dont_initialize();
  }

  void bind_to(L2Cache& l2) {
    for (int b = 0; b < spec_.banks; ++b) {
      socket.bind(l2.upstream);
    }
  }

  std::size_t submit(TestRequest r) {
    const std::size_t index = items_.size();
    items_.emplace_back();
    Item& item = items_.back();
    item.req = std::move(r);
    TestRequest& q = item.req;
    if (!q.write) {
      q.data.assign(functional_ ? q.size : 0, 0);
    }
    tlm::tlm_generic_payload& gp = item.gp;
    gp.set_command(q.write ? tlm::TLM_WRITE_COMMAND : tlm::TLM_READ_COMMAND);
    gp.set_address(q.address);
    gp.set_data_ptr(functional_ ? q.data.data() : nullptr);
    gp.set_data_length(q.size);
    gp.set_streaming_width(q.size);
    auto* ext = new MemRequestExtension;
    ext->core = q.core;
    ext->kind = q.write ? RequesterKind::DmaWrite : RequesterKind::DmaRead;
    ext->id = index;
    gp.set_extension(ext);
    index_of_[&gp] = index;
    pending_[bank_of(q.address)].push_back(index);
    if (sc_core::sc_is_running()) {
      wake_.notify(clock_.until(std::max(q.at, cycle_at_or_after(clock_, now()))));
    }
    return index;
  }

  void hold_every_nth_answer(int n, Cycle cycles) {
    hold_every_ = n;
    hold_cycles_ = cycles;
  }

  TestRequest& request(std::size_t i) { return items_[i].req; }
  std::size_t count() const { return items_.size(); }
  std::size_t answered() const { return answered_; }
  std::size_t outstanding() const { return items_.size() - answered_; }
  std::size_t unsent() const {  // submitted and not yet accepted by the L2
    std::size_t n = 0;
    for (const auto& bank : pending_) {
      n += bank.size();
    }
    return n;
  }

 private:
  struct Item {
    TestRequest req;
    tlm::tlm_generic_payload gp;
  };
  struct Held {
    tlm::tlm_generic_payload* gp;
    int bank;
    sc_core::sc_time release;
  };

  static sc_core::sc_time now() { return sc_core::sc_time_stamp(); }
  int bank_of(std::uint64_t address) const { return route ? route(address) : L2Cache::bank_of(address, spec_); }

  void step() {
    const Cycle c = cycle_at_or_after(clock_, now());
    if (clock_.time_of(c) != now()) {
      wake_.notify(clock_.until(c));
      return;
    }
    Cycle next = std::numeric_limits<Cycle>::max();
    for (int b = 0; b < spec_.banks; ++b) {
      while (!awaiting_[b] && !pending_[b].empty()) {
        Item& item = items_[pending_[b].front()];
        if (item.req.at > c) {
          next = std::min(next, item.req.at);
          break;
        }
        send(b, item);
      }
    }
    if (next != std::numeric_limits<Cycle>::max()) {
      wake_.notify(clock_.until(next));
    }
  }

  void send(int b, Item& item) {
    if (on_send) {
      on_send(item.req);
    }
    item.req.sent = now();
    tlm::tlm_phase phase = tlm::BEGIN_REQ;
    sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
    const tlm::tlm_sync_enum status = socket[b]->nb_transport_fw(item.gp, phase, delay);
    if (status == tlm::TLM_UPDATED && phase == tlm::END_REQ) {
      item.req.accepted = now();
      pending_[b].pop_front();
    } else {
      EXPECT_EQ(status, tlm::TLM_ACCEPTED)
          << "the L2 answered BEGIN_REQ with neither END_REQ nor TLM_ACCEPTED";
      awaiting_[b] = true;
    }
  }

  tlm::tlm_sync_enum nb_transport_bw(int b, tlm::tlm_generic_payload& gp, tlm::tlm_phase& phase,
                                     sc_core::sc_time& delay) {
    EXPECT_EQ(delay, sc_core::SC_ZERO_TIME);
    const auto it = index_of_.find(&gp);
    EXPECT_NE(it, index_of_.end()) << "a payload this initiator never sent";
    if (it == index_of_.end()) {
      return tlm::TLM_COMPLETED;
    }
    TestRequest& q = items_[it->second].req;
    if (phase == tlm::END_REQ) {
      EXPECT_TRUE(awaiting_[b] && !pending_[b].empty() && pending_[b].front() == it->second)
          << "END_REQ out of turn on bank " << b;
      q.accepted = now();
      awaiting_[b] = false;
      pending_[b].pop_front();
      wake_.notify(sc_core::SC_ZERO_TIME);
      return tlm::TLM_ACCEPTED;
    }
    EXPECT_EQ(phase, tlm::BEGIN_RESP);
    EXPECT_TRUE(gp.is_response_ok());
    EXPECT_EQ(bank_of(q.address), b) << "answered on the wrong bank";
    q.answered = now();
    if (++q.answers == 1) {
      ++answered_;
    }
    if (on_answer) {
      on_answer(q);
    }
    if (hold_every_ > 0 && ++answers_seen_ % hold_every_ == 0) {
      held_.push_back({&gp, b, now() + clock_.period() * static_cast<double>(hold_cycles_)});
      release_.notify(clock_.period() * static_cast<double>(hold_cycles_));
      return tlm::TLM_ACCEPTED;
    }
    return tlm::TLM_COMPLETED;
  }

  void release() {  // END_RESP for answers held back
    while (!held_.empty() && held_.front().release <= now()) {
      const Held h = held_.front();
      held_.pop_front();
      tlm::tlm_phase phase = tlm::END_RESP;
      sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
      socket[h.bank]->nb_transport_fw(*h.gp, phase, delay);
    }
    if (!held_.empty()) {
      release_.notify(held_.front().release - now());
    }
  }

  L2Spec spec_;
  ClockDomain clock_;
  bool functional_;
  std::deque<Item> items_;  // a deque: payload addresses stay put as requests are added
  std::unordered_map<const tlm::tlm_generic_payload*, std::size_t> index_of_;
  std::vector<std::deque<std::size_t>> pending_;  // per bank: submitted, not yet accepted
  std::vector<bool> awaiting_;                    // per bank: BEGIN_REQ sent, END_REQ not yet seen
  std::size_t answered_ = 0;
  int hold_every_ = 0;
  Cycle hold_cycles_ = 0;
  std::uint64_t answers_seen_ = 0;
  std::deque<Held> held_;
  sc_core::sc_event wake_, release_;
};

}  // namespace systolica::test
