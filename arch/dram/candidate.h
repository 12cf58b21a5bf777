#pragma once
// A command one bank offers the scheduler, and the FR-FCFS order between offers. Plain C++.
#include <cstdint>

#include "arch/dram/dram_types.h"

namespace systolica::dram {

struct Candidate {
  DramCycle at = kNever;  // earliest cycle it is legal (not before the cycle it was timed at)
  Command command = Command::ACT;
  int request = -1;   // the controller's request slot, or -1 for refresh commands
  int bank = -1;      // flat bank within the channel, or -1 for refresh commands
  int rank = 0;
  int priority = 0;   // among commands legal at the same cycle, higher goes first
  std::uint64_t seq = 0;  // acceptance order of the request: older goes first

  // FR-FCFS order: earliest cycle, then priority (row hits before row commands), then age.
  bool better_than(const Candidate& o) const {
    if (at != o.at) return at < o.at;
    if (priority != o.priority) return priority > o.priority;
    return seq < o.seq;
  }
};

}  // namespace systolica::dram
