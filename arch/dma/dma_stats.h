#pragma once
// The DMA's counters, per direction. Plain integers; rates and bandwidths are computed by the reports.
#include <cstdint>

namespace systolica {

struct DmaEngineStats {
  std::uint64_t commands = 0;              // commands completed
  std::uint64_t requests = 0;              // memory requests sent
  std::uint64_t bytes = 0;                 // bytes those requests asked for
  std::uint64_t responses = 0;             // memory responses received
  std::uint64_t bytes_completed = 0;       // bytes those responses delivered (loads) or acknowledged (stores)
  std::uint64_t sram_accesses = 0;         // row accesses on the scratchpad or accumulator
  std::uint64_t sram_conflict_cycles = 0;  // cycles those accesses waited for a bank port
  std::uint64_t outstanding_wait_cycles = 0;  // waiting for one of the max_outstanding request slots
  std::uint64_t backpressure_cycles = 0;      // waiting for the memory side to accept (END_REQ)
  std::uint64_t arbitration_cycles = 0;       // waiting while the other engine had its turn on the socket

  // "Waiting on memory": the request-slot limit plus back-pressure.
  std::uint64_t memory_wait_cycles() const { return outstanding_wait_cycles + backpressure_cycles; }
};

struct DmaStats {
  DmaEngineStats load;
  DmaEngineStats store;
  int peak_outstanding = 0;  // most requests in flight at once, loads and stores together
};

}  // namespace systolica
