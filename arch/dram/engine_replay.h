#pragma once
// Replays a trace against a DramEngine in plain C++, with the same rules as `systolica dram` (which
// goes through the SystemC module): requests are offered in order, at most one per DRAM clock and not
// before their time; a request that finds its queue full waits, and everything behind it waits too.
// Tests use it to run the controller fast and to check that the SystemC path gives identical numbers.
#include <cstdint>
#include <vector>

#include "arch/dram/dram_engine.h"
#include "arch/dram/trace_request.h"

namespace systolica::dram {

struct ReplayResult {
  DramStats stats;
  std::uint64_t completions = 0;  // accesses the engine reported done (one per request)
  DramCycle end_cycle = 0;        // cycle after the last data beat
  std::vector<DramCycle> accepted;  // per request, the cycle the controller accepted it
  std::vector<DramCycle> done;      // per request, the cycle after its last data beat
};

// Throws std::runtime_error naming the engine state if nothing happens for `watchdog` cycles while
// requests are still outstanding (a deadlock).
ReplayResult replay_trace(DramEngine& engine, const std::vector<TraceRequest>& trace,
                          DramCycle watchdog = 1'000'000);

}  // namespace systolica::dram
