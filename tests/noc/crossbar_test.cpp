// The crossbar between DMA engines and L2 banks: exact link timing, arbitration, back-pressure, and
// conservation under random traffic. Stub requesters and targets speak the AT base protocol.
#include <gtest/gtest.h>

#include <map>
#include <random>
#include <systemc>
#include <tlm_utils/peq_with_get.h>
#include <tlm_utils/simple_initiator_socket.h>
#include <tlm_utils/simple_target_socket.h>

#include "arch/noc/crossbar.h"

namespace systolica {
namespace {

using Payload = tlm::tlm_generic_payload;
const ClockDomain kClock(1e9);  // 1 ns cycles

struct Request {
  Cycle at;  // not before this cycle
  bool write;
  std::uint64_t address;
  unsigned bytes;
};

// Sends its requests in order, one outstanding BEGIN_REQ at a time, and records when each response came.
struct StubRequester : sc_core::sc_module {
  tlm_utils::simple_initiator_socket<StubRequester> socket{"socket"};
  std::vector<Request> plan;
  std::vector<std::unique_ptr<Payload>> payloads;
  std::map<const Payload*, Cycle> responded;
  std::vector<Cycle> accepted;  // cycle of END_REQ per request
  sc_core::sc_event end_req;

  explicit StubRequester(const sc_core::sc_module_name& n, std::vector<Request> p) : sc_module(n), plan(std::move(p)) {
    socket.register_nb_transport_bw(this, &StubRequester::bw);
    SC_HAS_PROCESS(StubRequester);
    SC_THREAD(run);
  }
  void run() {
    for (const Request& r : plan) {
      wait(kClock.until(r.at));
      payloads.push_back(std::make_unique<Payload>());
      Payload& p = *payloads.back();
      p.set_command(r.write ? tlm::TLM_WRITE_COMMAND : tlm::TLM_READ_COMMAND);
      p.set_address(r.address);
      p.set_data_length(r.bytes);
      p.set_streaming_width(r.bytes);
      p.set_data_ptr(nullptr);
      tlm::tlm_phase phase = tlm::BEGIN_REQ;
      sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
      const auto s = socket->nb_transport_fw(p, phase, delay);
      if (!(s == tlm::TLM_UPDATED && phase == tlm::END_REQ)) wait(end_req);
      accepted.push_back(kClock.now());
    }
  }
  tlm::tlm_sync_enum bw(Payload& p, tlm::tlm_phase& phase, sc_core::sc_time&) {
    if (phase == tlm::END_REQ) {
      end_req.notify(sc_core::SC_ZERO_TIME);
      return tlm::TLM_ACCEPTED;
    }
    EXPECT_EQ(phase, tlm::BEGIN_RESP);
    EXPECT_EQ(responded.count(&p), 0u) << "a response came twice";
    responded[&p] = kClock.now();
    return tlm::TLM_COMPLETED;
  }
};

// Accepts up to `capacity` requests and answers each `latency` cycles after it arrived, in order.
struct StubTarget : sc_core::sc_module {
  tlm_utils::simple_target_socket<StubTarget> socket{"socket"};
  Cycle latency;
  std::size_t capacity;
  std::deque<std::pair<Payload*, Cycle>> queue;
  Payload* refused = nullptr;
  bool awaiting_end_resp = false;
  std::uint64_t bytes = 0;
  sc_core::sc_event wake;

  StubTarget(const sc_core::sc_module_name& n, Cycle lat, std::size_t cap) : sc_module(n), latency(lat), capacity(cap) {
    socket.register_nb_transport_fw(this, &StubTarget::fw);
    SC_HAS_PROCESS(StubTarget);
    SC_THREAD(run);
  }
  tlm::tlm_sync_enum fw(Payload& p, tlm::tlm_phase& phase, sc_core::sc_time&) {
    if (phase == tlm::END_RESP) {
      awaiting_end_resp = false;
      wake.notify(sc_core::SC_ZERO_TIME);
      return tlm::TLM_COMPLETED;
    }
    EXPECT_EQ(phase, tlm::BEGIN_REQ);
    EXPECT_EQ(refused, nullptr) << "BEGIN_REQ before END_REQ";
    wake.notify(sc_core::SC_ZERO_TIME);
    if (queue.size() < capacity) {
      queue.emplace_back(&p, kClock.now() + latency);
      phase = tlm::END_REQ;
      return tlm::TLM_UPDATED;
    }
    refused = &p;
    return tlm::TLM_ACCEPTED;
  }
  void run() {
    for (;;) {
      if (queue.empty() || awaiting_end_resp) {
        wait(wake);
        continue;
      }
      if (queue.front().second > kClock.now()) {
        wait(kClock.until(queue.front().second), wake);
        continue;
      }
      Payload* p = queue.front().first;
      queue.pop_front();
      bytes += p->get_data_length();
      if (refused != nullptr) {
        queue.emplace_back(refused, kClock.now() + latency);
        Payload* r = refused;
        refused = nullptr;
        tlm::tlm_phase end = tlm::END_REQ;
        sc_core::sc_time zero = sc_core::SC_ZERO_TIME;
        socket->nb_transport_bw(*r, end, zero);
      }
      p->set_response_status(tlm::TLM_OK_RESPONSE);
      tlm::tlm_phase phase = tlm::BEGIN_RESP;
      sc_core::sc_time zero = sc_core::SC_ZERO_TIME;
      if (socket->nb_transport_bw(*p, phase, zero) == tlm::TLM_ACCEPTED) awaiting_end_resp = true;
      wait(kClock.period());  // one response per cycle
    }
  }
};

// Runs requesters against targets (address / 64 % targets routes) and returns the requesters.
struct Bench {
  std::vector<std::unique_ptr<StubRequester>> requesters;
  std::vector<std::unique_ptr<StubTarget>> targets;
  std::unique_ptr<Crossbar> xbar;

  Bench(const CrossbarSpec& spec, std::vector<std::vector<Request>> plans, int targets_n, Cycle latency,
        std::size_t target_capacity) {
    xbar = std::make_unique<Crossbar>("xbar", spec, kClock, static_cast<int>(plans.size()), targets_n,
                                      [targets_n](std::uint64_t a) { return static_cast<int>((a / 64) % targets_n); });
    for (std::size_t i = 0; i < plans.size(); ++i) {
      requesters.push_back(std::make_unique<StubRequester>(("req" + std::to_string(i)).c_str(), plans[i]));
      requesters.back()->socket.bind(xbar->upstream);
    }
    for (int t = 0; t < targets_n; ++t) {
      targets.push_back(std::make_unique<StubTarget>(("tgt" + std::to_string(t)).c_str(), latency, target_capacity));
      xbar->downstream.bind(targets.back()->socket);
    }
  }
};

// One SystemC elaboration per TEST (ctest runs each TEST in its own process).
TEST(Crossbar, ExactTimingOfReadsWritesAndContention) {
  CrossbarSpec spec;  // 32 B per cycle, 1 cycle latency, round-robin
  // r0 reads 64 B at cycle 0; r1 reads the same target at cycle 0 (contention); r2 writes 64 B to
  // another target at cycle 0.
  Bench b(spec, {{{0, false, 0, 64}}, {{0, false, 128, 64}}, {{0, true, 64, 64}}}, 2, 10, 8);
  sc_core::sc_start();
  // r0: granted at 0, header-only request arrives at 0 + 1 - 1 + 1 = 1; the target answers at 11;
  //     64 B of data take 2 beats on r0's response link: arrives 11 + 2 - 1 + 1 = 13.
  EXPECT_EQ(b.requesters[0]->responded.begin()->second, 13);
  // r1: loses the arbitration at 0, granted at 1, arrives 2, answered 12, back at 14.
  EXPECT_EQ(b.requesters[1]->responded.begin()->second, 14);
  // r2: its own target; 2 beats of write data: arrives 0 + 2 - 1 + 1 = 2, answered 12, the
  //     one-beat acknowledgement arrives at 12 + 1 - 1 + 1 = 13.
  EXPECT_EQ(b.requesters[2]->responded.begin()->second, 13);
  EXPECT_EQ(b.xbar->stats().contended_cycles[0], 1u);
  EXPECT_EQ(b.xbar->stats().busy_cycles[0], 2u);
  EXPECT_EQ(b.xbar->stats().busy_cycles[1], 2u);
  EXPECT_TRUE(b.xbar->idle());
}

TEST(Crossbar, FullQueuesPushBackOnTheRequester) {
  CrossbarSpec spec;
  spec.queue_depth = 1;
  // Five reads to one target that holds one request and answers after 20 cycles.
  std::vector<Request> plan;
  for (int i = 0; i < 5; ++i) plan.push_back({0, false, 0, 64});
  Bench b(spec, {plan}, 1, 20, 1);
  sc_core::sc_start();
  const auto& acc = b.requesters[0]->accepted;
  ASSERT_EQ(acc.size(), 5u);
  // Cycle 0: request 0 is accepted and granted at once (delivered at 1); request 1 is accepted into the
  //   one-deep queue; request 2 finds it full and is refused.
  // Cycle 1: request 0 reaches the target (it holds one). Request 1 is granted, which frees the queue:
  //   request 2 is accepted (END_REQ at 1) and request 3 refused.
  // Cycle 2: request 1 reaches the target, which is full: the crossbar waits for its END_REQ.
  // Cycle 21: the target answers request 0 and takes request 1; request 2 is granted, request 3 accepted.
  // Cycle 41: the target answers request 1 and takes request 2; request 3 is granted, request 4 accepted.
  EXPECT_EQ(acc, (std::vector<Cycle>{0, 0, 1, 21, 41}));
  EXPECT_EQ(b.requesters[0]->responded.size(), 5u);
  EXPECT_TRUE(b.xbar->idle());
}

TEST(Crossbar, RandomTrafficIsConservedAndNeverDeadlocks) {
  CrossbarSpec spec;
  spec.queue_depth = 2;
  spec.width_bytes = 16;
  std::mt19937 rng(42);
  std::vector<std::vector<Request>> plans(6);
  std::uint64_t requested = 0;
  for (auto& plan : plans) {
    Cycle t = 0;
    for (int i = 0; i < 300; ++i) {
      t += rng() % 4;
      const unsigned bytes = 16u << (rng() % 3);
      plan.push_back({t, rng() % 3 == 0, (rng() % 4096) * 64, bytes});
      requested += bytes;
    }
  }
  Bench b(spec, plans, 4, 7, 2);
  sc_core::sc_start(sc_core::sc_time(1, sc_core::SC_MS));  // the watchdog: far beyond what this needs
  std::uint64_t delivered = 0;
  for (auto& t : b.targets) delivered += t->bytes;
  for (std::size_t i = 0; i < plans.size(); ++i) {
    EXPECT_EQ(b.requesters[i]->responded.size(), plans[i].size()) << "requester " << i << " is stuck";
  }
  EXPECT_TRUE(b.xbar->idle()) << "the crossbar still holds transactions: it is the stuck module";
  EXPECT_EQ(delivered, requested);
  std::uint64_t through = 0;
  for (auto v : b.xbar->stats().request_bytes) through += v;
  EXPECT_EQ(through, requested);
}

}  // namespace
}  // namespace systolica
