// The SystemC module under random traffic from many requesters: functional data end to end, requests of
// one, two and half a burst, initiators that take their responses late (END_RESP), and a watchdog that
// names the stuck module if progress stops. This is the DRAM tests' only SystemC elaboration (SystemC
// elaborates once per process; ctest runs each test in its own process).
#include <gtest/gtest.h>
#include <tlm_utils/simple_initiator_socket.h>

#include <map>
#include <memory>
#include <systemc>
#include <tlm>
#include <vector>

#include "arch/dram/dram_controller.h"
#include "arch/dram/engine_registry.h"
#include "arch/mem/mem_request.h"

namespace systolica::dram::test {
namespace {

// Random reads and writes into its own region, checking every read against what it wrote before.
class Requester : public sc_core::sc_module {
 public:
  tlm_utils::simple_initiator_socket<Requester> socket;
  std::uint64_t sent = 0, answered = 0, bytes_sent = 0, bytes_answered = 0, bursts = 0, bad_data = 0, errors = 0;
  bool done = false;

  Requester(sc_core::sc_module_name name, int core, std::uint64_t base, int count, std::uint64_t seed,
            bool late_end_resp)
      : sc_module(name), socket("socket"), core_(core), base_(base), count_(count), rng_(seed),
        late_(late_end_resp) {
    socket.register_nb_transport_bw(this, &Requester::bw);
    SC_HAS_PROCESS(Requester);
    SC_THREAD(run);
    SC_METHOD(end_resp);
    sensitive << end_resp_event_;
    dont_initialize();
  }

 private:
  struct Txn {
    tlm::tlm_generic_payload payload;
    std::vector<unsigned char> data, expected;
  };

  std::uint64_t next() {
    rng_ = rng_ * 6364136223846793005ull + 1442695040888963407ull;
    return rng_ >> 33;
  }

  void run() {
    const sc_core::sc_time clock(1, sc_core::SC_NS);
    for (int i = 0; i < count_; ++i) {
      wait(clock * static_cast<double>(next() % 4));
      while (in_flight_ >= 6) wait(response_event_);
      const unsigned length = (next() % 3 == 0) ? 128u : (next() % 4 == 0 ? 32u : 64u);
      const std::uint64_t block = next() % 64;  // 64 blocks of 128 B, reused often
      const std::uint64_t address = base_ + block * 128 + (length == 32 ? 32 * (next() % 4) : 0);
      bool write = next() % 2 == 0;
      if (reading_[block] > 0) write = false;  // never overwrite what an outstanding read will return
      if (writing_[block] > 0) write = true;   // nor read what an outstanding write is still changing
      auto t = std::make_unique<Txn>();
      t->data.resize(length);
      tlm::tlm_generic_payload& p = t->payload;
      p.set_command(write ? tlm::TLM_WRITE_COMMAND : tlm::TLM_READ_COMMAND);
      p.set_address(address);
      p.set_data_length(length);
      p.set_streaming_width(length);
      p.set_data_ptr(t->data.data());
      auto* ext = new MemRequestExtension();
      ext->core = core_;
      ext->kind = write ? RequesterKind::DmaWrite : RequesterKind::DmaRead;
      ext->id = static_cast<std::uint64_t>(i);
      p.set_extension(ext);
      if (write) {
        for (auto& b : t->data) b = static_cast<unsigned char>(next());
        for (unsigned k = 0; k < length; ++k) shadow_[address + k] = t->data[k];
        ++writing_[block];
      } else {
        t->expected.resize(length);
        for (unsigned k = 0; k < length; ++k) {
          const auto it = shadow_.find(address + k);
          t->expected[k] = it == shadow_.end() ? 0 : it->second;
        }
        ++reading_[block];
      }
      ++sent;
      bytes_sent += length;
      bursts += length == 128 ? 2 : 1;
      ++in_flight_;
      Txn* raw = t.get();
      txns_[&raw->payload] = std::move(t);
      tlm::tlm_phase phase = tlm::BEGIN_REQ;
      sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
      const tlm::tlm_sync_enum s = socket->nb_transport_fw(raw->payload, phase, delay);
      if (s == tlm::TLM_ACCEPTED) wait(end_req_event_);  // back-pressure
      if (s == tlm::TLM_COMPLETED) ++errors;
    }
    while (in_flight_ > 0) wait(response_event_);
    done = true;
  }

  tlm::tlm_sync_enum bw(tlm::tlm_generic_payload& p, tlm::tlm_phase& phase, sc_core::sc_time&) {
    if (phase == tlm::END_REQ) {
      end_req_event_.notify(sc_core::SC_ZERO_TIME);
      return tlm::TLM_ACCEPTED;
    }
    Txn& t = *txns_.at(&p);
    ++answered;
    bytes_answered += p.get_data_length();
    if (p.get_response_status() != tlm::TLM_OK_RESPONSE) ++errors;
    const std::uint64_t block = (p.get_address() - base_) / 128;
    if (p.is_read()) {
      if (t.data != t.expected) ++bad_data;
      --reading_[block];
    } else {
      --writing_[block];
    }
    --in_flight_;
    response_event_.notify(sc_core::SC_ZERO_TIME);
    if (late_) {  // take the response a few clocks later: the target must hold the next one back
      if (pending_end_resp_ != nullptr) ++errors;  // a second BEGIN_RESP before END_RESP
      pending_end_resp_ = &p;
      end_resp_event_.notify(3, sc_core::SC_NS);
      return tlm::TLM_ACCEPTED;
    }
    txns_.erase(&p);
    return tlm::TLM_COMPLETED;
  }

  void end_resp() {
    tlm::tlm_generic_payload* p = pending_end_resp_;
    pending_end_resp_ = nullptr;
    tlm::tlm_phase phase = tlm::END_RESP;
    sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
    socket->nb_transport_fw(*p, phase, delay);
    txns_.erase(p);
  }

  int core_;
  std::uint64_t base_;
  int count_;
  std::uint64_t rng_;
  bool late_;
  int in_flight_ = 0;
  std::map<std::uint64_t, unsigned char> shadow_;
  std::map<std::uint64_t, int> reading_, writing_;
  std::map<tlm::tlm_generic_payload*, std::unique_ptr<Txn>> txns_;
  tlm::tlm_generic_payload* pending_end_resp_ = nullptr;
  sc_core::sc_event end_req_event_, response_event_, end_resp_event_;
};

// Stops the simulation, naming the module, if nothing is answered for `patience` while work is pending.
class Watchdog : public sc_core::sc_module {
 public:
  std::string failure;
  Watchdog(sc_core::sc_module_name name, const DramController& dram, const std::vector<Requester*>& requesters,
           sc_core::sc_time patience)
      : sc_module(name), dram_(dram), requesters_(requesters), patience_(patience) {
    SC_HAS_PROCESS(Watchdog);
    SC_THREAD(watch);
  }

 private:
  void watch() {
    std::uint64_t last = ~0ull;
    for (;;) {
      wait(patience_);
      std::uint64_t answered = 0;
      bool all_done = true;
      for (const Requester* r : requesters_) {
        answered += r->answered;
        all_done = all_done && r->done;
      }
      if (all_done) return;
      if (answered == last) {
        failure = std::string(dram_.name()) + " is stuck: " + std::to_string(dram_.outstanding()) +
                  " requests outstanding, none answered for " + patience_.to_string();
        sc_core::sc_stop();
        return;
      }
      last = answered;
    }
  }
  const DramController& dram_;
  std::vector<Requester*> requesters_;
  sc_core::sc_time patience_;
};

TEST(DramModule, ManyRequestersConserveBytesDataAndNeverDeadlock) {
  DramSpec spec;
  spec.channels = 2;
  spec.read_queue = 8;   // small queues: plenty of back-pressure
  spec.write_queue = 6;
  spec.timing.tREFI = 2000;  // many refreshes in a short run
  DramController dram("dram", make_dram_engine(make_dram_config(spec)));
  std::vector<std::unique_ptr<Requester>> owners;
  std::vector<Requester*> requesters;
  for (int i = 0; i < 6; ++i) {
    owners.push_back(std::make_unique<Requester>(("req" + std::to_string(i)).c_str(), i, (1ull << 24) * i, 4000,
                                                 1000 + i, /*late_end_resp=*/i % 3 == 0));
    owners.back()->socket.bind(dram.socket);
    requesters.push_back(owners.back().get());
  }
  Watchdog watchdog("watchdog", dram, requesters, sc_core::sc_time(20, sc_core::SC_US));
  sc_core::sc_start();

  EXPECT_EQ(watchdog.failure, "");
  for (const Requester* r : requesters) {
    EXPECT_TRUE(r->done) << r->name();
    EXPECT_EQ(r->answered, r->sent) << r->name();
    EXPECT_EQ(r->bytes_answered, r->bytes_sent) << r->name();
    EXPECT_EQ(r->bad_data, 0u) << r->name();
    EXPECT_EQ(r->errors, 0u) << r->name();
  }
  // The controller's per-requester accounting agrees with each requester's.
  for (int i = 0; i < 6; ++i) {
    const auto rd = dram.traffic().find({i, RequesterKind::DmaRead});
    const auto wr = dram.traffic().find({i, RequesterKind::DmaWrite});
    const std::uint64_t bytes = (rd == dram.traffic().end() ? 0 : rd->second.read_bytes) +
                                (wr == dram.traffic().end() ? 0 : wr->second.write_bytes);
    EXPECT_EQ(bytes, requesters[i]->bytes_sent) << i;
  }
  EXPECT_EQ(dram.outstanding(), 0u);
  // Bursts: a 128 B request is two, a 32 B one is one; the engine moved whole bursts for each.
  const DramStats s = dram.stats();
  std::uint64_t bursts = 0;
  for (const Requester* r : requesters) bursts += r->bursts;
  EXPECT_EQ(s.reads + s.writes, bursts);
  EXPECT_EQ(s.read_bytes + s.write_bytes, bursts * 64);
  EXPECT_GT(s.commands.ref, 0u);
  EXPECT_GT(s.row_conflicts, 0u);
}

}  // namespace
}  // namespace systolica::dram::test
