#pragma once
// The DRAM as a SystemC module: a TLM-2.0 target (docs/memory_protocol.md: approximately-timed base
// protocol, END_REQ withheld while the bounded queue is full) in front of any DramEngine. One SC_METHOD
// serves every channel; it sleeps until the engine's next event and never ticks. While the memory is
// idle it does not even wake for refresh: the refreshes it skipped are replayed, at their own cycles,
// when the next request arrives, so a simulation with nothing left to do ends by itself.
//
// Lifecycle: construct (make_dram_controller), bind any number of initiators to `socket`, run, then read
// stats() and traffic(). Reads are answered when their data has arrived; writes are posted (answered as
// soon as they are accepted; the write queue holds them). A request longer than one burst is split into
// bursts and answered when the last one is done. Functional payloads (a data pointer) read and write
// memory(); timing-only payloads (nullptr data) move no bytes.
#include <tlm_utils/multi_passthrough_target_socket.h>

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <systemc>
#include <tlm>
#include <utility>
#include <vector>

#include "arch/arch_spec.h"
#include "arch/clock_domain.h"
#include "arch/dram/backing_store.h"
#include "arch/dram/dram_engine.h"
#include "arch/mem/mem_request.h"

namespace systolica::dram {

// Bytes answered per requester, keyed on the payload's MemRequestExtension (core -1 if it has none).
struct RequesterTraffic {
  std::uint64_t reads = 0, writes = 0;            // transactions answered
  std::uint64_t read_bytes = 0, write_bytes = 0;  // their data length
};
using RequesterKey = std::pair<int, RequesterKind>;

class DramController : public sc_core::sc_module {
 public:
  tlm_utils::multi_passthrough_target_socket<DramController> socket;

  DramController(sc_core::sc_module_name name, std::unique_ptr<DramEngine> engine);

  const ClockDomain& clock() const { return clock_; }
  const DramConfig& config() const { return engine_->config(); }
  std::uint64_t capacity_bytes() const { return engine_->capacity_bytes(); }
  DramStats stats() const { return engine_->stats(); }
  // Standby time from the start to the current simulated time (whole DRAM clocks elapsed), over all
  // channels and ranks. Not const: an idle engine first replays the refreshes it skipped up to now
  // (which close open rows), exactly what it would do when its next request arrives.
  BackgroundTime background_time();
  const std::map<RequesterKey, RequesterTraffic>& traffic() const { return traffic_; }
  std::size_t outstanding() const { return outstanding_; }  // accepted or waiting, not yet answered
  BackingStore& memory() { return memory_; }

 private:
  struct Waiting {
    tlm::tlm_generic_payload* payload;
    int initiator;
  };
  struct ReadTransaction {
    tlm::tlm_generic_payload* payload = nullptr;
    int initiator = 0;
    int bursts_left = 0;
  };
  struct Initiator {
    std::deque<tlm::tlm_generic_payload*> responses;  // ready to send, in order
    bool awaiting_end_resp = false;
    int reads_held = 0;  // reads accepted and not yet answered (bounds `responses`)
  };

  tlm::tlm_sync_enum nb_transport_fw(int id, tlm::tlm_generic_payload& payload, tlm::tlm_phase& phase,
                                     sc_core::sc_time& delay);
  unsigned int transport_dbg(int id, tlm::tlm_generic_payload& payload);
  void run();

  DramCycle cycle_at_or_after_now() const;
  void catch_up(DramCycle now);
  bool try_accept(tlm::tlm_generic_payload& payload, int initiator, DramCycle now);
  void complete_read(const DramCompletion& c);
  void send_responses(int initiator);
  void schedule();
  void run_ahead();
  Initiator& initiator(int id);
  void count_answer(const tlm::tlm_generic_payload& payload);

  std::unique_ptr<DramEngine> engine_;
  ClockDomain clock_;
  sc_core::sc_event wake_;
  BackingStore memory_;
  std::vector<Initiator> initiators_;
  std::vector<Waiting> waiting_;  // requests whose END_REQ is withheld, oldest first
  std::vector<ReadTransaction> reads_;
  std::vector<std::uint32_t> free_reads_;
  std::vector<DramCompletion> done_;
  std::vector<int> burst_channels_;  // scratch: bursts of one request per channel
  std::map<RequesterKey, RequesterTraffic> traffic_;
  std::size_t outstanding_ = 0;
  DramCycle last_advanced_ = 0;
};

// Builds the model dram.model names for `spec`. Throws DramConfigError (dram_config.h) if the spec is
// impossible and std::invalid_argument for an unknown model.
std::unique_ptr<DramController> make_dram_controller(const char* name, const DramSpec& spec);

}  // namespace systolica::dram
