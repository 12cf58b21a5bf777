#pragma once
// A clock domain: converts between its cycles and SystemC time. Modules keep cycles (integers) as their
// truth and only turn them into sc_time to sleep, so no rounding ever accumulates.
#include <systemc>

#include "arch/systolic/tile_timing.h"

namespace systolica {

class ClockDomain {
 public:
  explicit ClockDomain(double hz) : period_(1.0 / hz, sc_core::SC_SEC) {}
  const sc_core::sc_time& period() const { return period_; }
  Cycle now() const { return static_cast<Cycle>(sc_core::sc_time_stamp() / period_); }
  sc_core::sc_time time_of(Cycle c) const { return period_ * static_cast<double>(c); }
  sc_core::sc_time until(Cycle c) const {  // delay from now to the start of cycle c (zero if past)
    const sc_core::sc_time t = time_of(c);
    return t > sc_core::sc_time_stamp() ? t - sc_core::sc_time_stamp() : sc_core::SC_ZERO_TIME;
  }

 private:
  sc_core::sc_time period_;
};

}  // namespace systolica
