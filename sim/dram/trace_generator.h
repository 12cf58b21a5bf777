#pragma once
// The synthetic traces of ../shared/reference/dram.md, so the comparison with DRAMsim3 and Ramulator 2
// can be reproduced: seq_rd, seq_wr, rand_rd, stride4k_rd, mixed_skewed and idle_seq, idle_rand,
// idle_conflict. Addresses assume dram.md's DDR4 layout (8 KiB rows, row bits from bit 17 under the
// default mapping), which is what the reference numbers were measured with. Deterministic: the random
// traces use a fixed generator and seed.
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "arch/dram/trace_request.h"

namespace systolica::dram {

struct TraceSpec {
  std::string name;
  double interval_ns = -1;     // one request every this many ns; 0: no times (as fast as accepted);
                               // -1: the trace's default (500 ns for idle_*, 0 otherwise)
  std::uint64_t requests = 0;  // 0: dram.md's count for this trace
  std::uint64_t seed = 1;      // random traces
};

// Throws std::invalid_argument for an unknown name.
std::vector<TraceRequest> generate_trace(const TraceSpec& spec);
std::vector<std::string> trace_names();

// "R 0x1000 120.5" lines; the time only where the request has one.
void write_trace(std::ostream& os, const std::vector<TraceRequest>& trace);

}  // namespace systolica::dram
