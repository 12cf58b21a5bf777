#pragma once
// The shared L2 as a SystemC module: `banks` independent banks behind one target socket binding each, and
// one initiator socket toward memory. Write-back, write-allocate, MSHRs with merging, write buffers, a
// replacement policy by name. docs/l2_cache.md describes the model, its timing and its stats.
//
// Binding, with the interconnect (arch/noc/crossbar.h) routing by L2Cache::bank_of:
//   Crossbar xbar("xbar", xspec, l2_clock, cores, spec.banks,
//                 [spec](std::uint64_t a) { return L2Cache::bank_of(a, spec); });
//   for (int b = 0; b < spec.banks; ++b) xbar.downstream.bind(l2->upstream);  // the b-th binding is bank b
//   l2->downstream.bind(dram.socket);
// Every request must lie inside one line and carry a MemRequestExtension. With capacity 0 there is no L2:
// make_l2() returns nullptr and the interconnect binds to memory directly.
#include <tlm_utils/multi_passthrough_target_socket.h>
#include <tlm_utils/simple_initiator_socket.h>

#include <cstdint>
#include <memory>
#include <string>
#include <systemc>
#include <tlm>
#include <vector>

#include "arch/arch_spec.h"
#include "arch/cache/bank_core.h"
#include "arch/cache/l2_stats.h"
#include "arch/clock_domain.h"

namespace systolica {

class DownstreamPort;
class L2Bank;

// What the config does not expose (yet). `functional` comes from the run, not the hardware description.
struct L2Options {
  bool functional = false;   // keep line data and move real bytes (payload data pointers must be set)
  int input_queue = 8;       // per bank: requests accepted (END_REQ) that have not started their access
  int targets_per_mshr = 8;  // requests that may wait on one outstanding fill
  std::uint64_t seed = 1;    // random replacement; bank b draws from seed + b
};

class L2Cache : public sc_core::sc_module {
 public:
  tlm_utils::multi_passthrough_target_socket<L2Cache> upstream;  // bind exactly spec.banks times
  tlm_utils::simple_initiator_socket<L2Cache> downstream;  // line reads (fills) and writes (write-backs)

  L2Cache(const sc_core::sc_module_name& name, const L2Spec& spec, const ClockDomain& clock,
          const L2Options& options = {});
  ~L2Cache() override;

  // The bank (= upstream binding) that serves `address`: lines interleave, (address / line) % banks.
  static int bank_of(std::uint64_t address, const L2Spec& spec);

  const L2Spec& spec() const { return spec_; }
  int banks() const { return static_cast<int>(banks_.size()); }
  L2Stats stats() const;      // per requester (core), summed over banks
  L2Counters totals() const;  // all requesters
  const BankCore& bank(int b) const;
  // Functional mode, after a run: the bytes at `address` (inside one line) if the L2 holds the line.
  bool peek(std::uint64_t address, std::uint8_t* out, std::size_t length) const {
    return bank(bank_of(address, spec_)).peek(address, out, length);
  }

  // For watchdogs: requests accepted (or held back) and not yet answered, per bank and in all; line
  // requests that memory has not accepted yet; and a readable account of who holds what.
  std::size_t in_flight() const;
  std::size_t in_flight(int bank) const;
  std::size_t memory_requests() const;
  std::string describe() const;          // every bank and the memory port, one line each
  std::string describe(int bank) const;  // one bank

 private:
  tlm::tlm_sync_enum nb_transport_fw(int bank, tlm::tlm_generic_payload& gp, tlm::tlm_phase& phase,
                                     sc_core::sc_time& delay);
  tlm::tlm_sync_enum nb_transport_bw(tlm::tlm_generic_payload& gp, tlm::tlm_phase& phase,
                                     sc_core::sc_time& delay);
  void start_of_simulation() override;

  L2Spec spec_;
  std::unique_ptr<DownstreamPort> memory_;
  std::vector<std::unique_ptr<L2Bank>> banks_;
};

// The L2 the spec asks for, or nullptr when capacity is 0: then there is no L2 at all (no banks, no hit
// latency, no extra hop) and the SoC binds the interconnect straight to memory.
std::unique_ptr<L2Cache> make_l2(const char* name, const L2Spec& spec, const ClockDomain& clock,
                                 const L2Options& options = {});

}  // namespace systolica
