#pragma once
// One core's DMA engine: moves strided tiles between main memory (through a TLM-2.0 AT initiator socket)
// and the core's scratchpad and accumulator. docs/core_memory.md describes its timing in full.
//
// Two engines work side by side, so loads and stores overlap each other and the array's compute:
//   - the load engine takes commands from `loads`, and the data of each read response crosses the read
//     data bus (bus_bytes_per_cycle) into the SRAM rows, reserving their bank ports;
//   - the store engine takes commands from `stores`, reads the rows (reserving ports) just in time for
//     the write data bus (bus_bytes_per_cycle, full duplex with reads), and sends write requests.
// Each engine stages one request at a time. A single issuer process sends staged requests on the socket:
// one BEGIN_REQ per cycle, none while the previous waits for END_REQ, at most max_outstanding requests
// holding a slot, round-robin when both engines are eligible. It decides in cycle c only from what was
// staged, released or ended before c, so the order in which SystemC runs processes within a cycle never
// changes the result. A load's slot is its data buffer: freed the cycle after the response's last row is
// written, so a congested SRAM back-pressures memory. Completions are posted at their done cycle.
#include <tlm_utils/simple_initiator_socket.h>

#include <list>
#include <queue>
#include <systemc>
#include <tlm>
#include <vector>

#include "arch/arch_spec.h"
#include "arch/clock_domain.h"
#include "arch/dma/dma_command.h"
#include "arch/dma/dma_payload.h"
#include "arch/dma/dma_stats.h"
#include "arch/sram/accumulator.h"

namespace systolica {

class Dma : public sc_core::sc_module {
 public:
  tlm_utils::simple_initiator_socket<Dma> socket;
  sc_core::sc_port<sc_core::sc_fifo_in_if<DmaCommand>> loads;
  sc_core::sc_port<sc_core::sc_fifo_in_if<DmaCommand>> stores;
  sc_core::sc_port<sc_core::sc_fifo_out_if<DmaCompletion>> load_done;
  sc_core::sc_port<sc_core::sc_fifo_out_if<DmaCompletion>> store_done;

  // Commands an engine holds at once (taken and not yet posted as done): enough to start the next
  // command's requests while the previous one's responses are still coming back.
  static constexpr int kOpenCommands = 4;

  // Functional iff the SRAMs are (both or neither). `core` goes into every request's MemRequestExtension.
  // Throws std::invalid_argument on a non-positive DmaSpec.
  Dma(const sc_core::sc_module_name& name, const DmaSpec& spec, int core, Sram& scratchpad,
      Accumulator& accumulator, const ClockDomain& clock);

  // Throws std::invalid_argument if the command cannot run (see validate_dma_command). The engines check
  // every command they take; a controller may check earlier to report a bad mapping before the run.
  void validate(const DmaCommand& cmd) const;

  const DmaStats& stats() const { return stats_; }
  bool idle() const;  // no command open in either engine

 private:
  enum class Wait : std::uint8_t { None, Slot, BackPressure, Arbitration };
  struct Retiring {
    DmaCompletion completion;
    std::uint64_t order;
    bool operator>(const Retiring& o) const {
      return completion.done != o.completion.done ? completion.done > o.completion.done : order > o.order;
    }
  };
  struct Engine {
    Engine(DmaDirection d, DmaEngineStats* s) : direction(d), stats(s) {}
    DmaDirection direction;
    DmaEngineStats* stats;
    std::list<DmaTracker> trackers;  // commands with requests still to send or answer
    int open = 0;                    // commands taken and not yet posted
    Cycle bus_free = 0;              // its data bus is busy before this cycle
    // The staging register: one request waiting for the issuer.
    DmaPayload* staged = nullptr;
    Cycle staged_at = 0;  // the cycle it was staged; the issuer may send it from the next one
    Cycle ready = 0;      // stores: the cycle its data is ready for the bus
    Cycle sent_at = 0;
    sc_core::sc_event taken;
    Wait waiting = Wait::None;  // what holds its staged request back, since the issuer's last look
    Cycle waiting_since = 0;
    Cycle eligible_from = 0;  // the first cycle the staged request could have gone
    std::priority_queue<Retiring, std::vector<Retiring>, std::greater<Retiring>> retiring;
    std::uint64_t retired_order = 0;
    sc_core::sc_event retire_wake;
    sc_core::sc_event command_posted;
  };

  // Engines and responses (dma_engines.cpp).
  void load_engine() { run_engine(load_); }
  void store_engine() { run_engine(store_); }
  void retire_loads() { retire(load_); }
  void retire_stores() { retire(store_); }
  void run_engine(Engine& e);
  void retire(Engine& e);
  Cycle read_for_store(Engine& e, DmaPayload& p);  // SRAM reads of a store request; the cycle it can go
  void on_response(DmaPayload& p, const sc_core::sc_time& delay);
  void finish_if_done(Engine& e, DmaTracker& t);

  // The issuer and the socket (dma.cpp).
  void issue();  // SC_THREAD
  void stage(Engine& e, DmaPayload& p, Cycle ready);
  bool eligible(const Engine& e, Cycle now) const {
    return e.staged != nullptr && e.staged_at < now && e.ready <= now;
  }
  void account_wait(Engine& e, Wait why, Cycle now);
  Cycle next_issue_cycle(Cycle now) const;  // -1: nothing to do until an event
  void send(Engine& e, Cycle now);
  void end_request(const sc_core::sc_time& delay);
  void release_slot_at(Cycle c);
  tlm::tlm_sync_enum nb_transport_bw(tlm::tlm_generic_payload& gp, tlm::tlm_phase& phase,
                                     sc_core::sc_time& delay);

  Engine& engine_of(DmaDirection d) { return d == DmaDirection::Load ? load_ : store_; }
  Sram& local(const DmaCommand& c) {
    return c.local == DmaLocal::Scratchpad ? scratchpad_ : static_cast<Sram&>(accumulator_);
  }
  Cycle cycle_of(const sc_core::sc_time& t) const;           // the cycle in progress at time t
  Cycle cycle_at_or_after(const sc_core::sc_time& t) const;  // the first cycle starting at or after t
  int beats(int bytes) const { return (bytes + spec_.bus_bytes_per_cycle - 1) / spec_.bus_bytes_per_cycle; }

  DmaSpec spec_;
  int core_;
  Sram& scratchpad_;
  Accumulator& accumulator_;
  ClockDomain clock_;
  bool functional_;
  DmaStats stats_;
  DmaPayloadPool pool_;
  Engine load_;
  Engine store_;
  std::uint64_t next_request_id_ = 0;
  sc_core::sc_event issue_event_;  // something the issuer waits for has changed

  // Request slots: busy_slots_ counts taken ones; releases_ holds the cycles from which some are free.
  int busy_slots_ = 0;
  std::priority_queue<Cycle, std::vector<Cycle>, std::greater<Cycle>> releases_;

  // The socket's request channel.
  bool request_open_ = false;  // a BEGIN_REQ waits for its END_REQ
  const tlm::tlm_generic_payload* open_payload_ = nullptr;
  Cycle request_free_ = 0;  // the first cycle after the last END_REQ
  Cycle last_send_ = -1;
  const Engine* last_sender_ = nullptr;
};

}  // namespace systolica
