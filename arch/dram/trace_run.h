#pragma once
// Runs one trace through the SystemC DRAM module (TracePlayer -> DramController), the path `systolica
// dram` uses. SystemC elaborates once per process, so call this at most once per process. The header is
// SystemC-free so sim/ can call it.
#include <cstdint>
#include <vector>

#include "arch/dram/dram_config.h"
#include "arch/dram/dram_stats.h"
#include "arch/dram/trace_request.h"

namespace systolica::dram {

struct TraceRunResult {
  DramStats stats;
  DramCycle end_cycle = 0;  // cycle after the last data beat
  std::uint64_t requests = 0, answered = 0, errors = 0;
  std::uint64_t bytes_requested = 0, bytes_answered = 0;
  double wall_seconds = 0, cpu_seconds = 0;  // of the simulation alone
};

TraceRunResult run_trace_systemc(const DramConfig& cfg, const std::vector<TraceRequest>& trace);

}  // namespace systolica::dram
