#pragma once
// The ports of one SRAM bank, cycle by cycle, as a reservation calendar: an access asks for the first
// cycle at or after its earliest cycle that still has a free port and takes it. This gives bank-conflict
// timing without a process or a clock: every requester reserves its accesses when it decides to make them
// (possibly in the future, as the array does for a whole tile), and later requesters find those cycles
// taken. The calendar only remembers cycles from its horizon on; forget_before() moves the horizon up, so
// its size is the span of reservations ahead of the present, not the length of the run.
#include <cstdint>
#include <deque>

#include "arch/systolic/tile_timing.h"

namespace systolica {

class BankCalendar {
 public:
  explicit BankCalendar(int ports) : ports_(ports) {}

  // Takes a port in the first cycle >= max(earliest, horizon) that has one free, and returns that cycle.
  Cycle reserve(Cycle earliest);

  // Drops every cycle before `cycle`; later requests for those cycles are served from `cycle` on.
  void forget_before(Cycle cycle);

  int used(Cycle cycle) const;  // ports taken in `cycle` (0 outside the remembered span)
  Cycle horizon() const { return base_; }

 private:
  int ports_;
  Cycle base_ = 0;                 // the cycle of used_[0]
  std::deque<std::uint8_t> used_;  // ports taken per cycle from base_ on (ports_per_bank <= 255)
};

}  // namespace systolica
