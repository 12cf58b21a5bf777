#pragma once
// One line of a DRAM trace ("R 0x1000 [TIME_NS]"), as the trace reader produces it and the replay
// drivers consume it. Plain C++.
#include <cstdint>

#include "arch/dram/dram_types.h"

namespace systolica::dram {

struct TraceRequest {
  bool is_write = false;
  std::uint64_t address = 0;
  std::int64_t time_ps = -1;  // when it may first be offered; -1: as soon as the previous one is accepted
};

// The first DRAM clock at which a request may be offered: the clock edge at or after its time.
inline DramCycle earliest_offer(const TraceRequest& r, int tCK_ps) {
  return r.time_ps <= 0 ? 0 : (r.time_ps + tCK_ps - 1) / tCK_ps;
}

}  // namespace systolica::dram
