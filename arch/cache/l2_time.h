#pragma once
// Where events from outside land on the L2's clock. A request, fill or write acknowledgement that arrives
// between two L2 edges is seen at the next edge; one that arrives exactly on an edge is seen at that edge.
#include <systemc>

#include "arch/clock_domain.h"

namespace systolica {

inline Cycle cycle_at_or_after(const ClockDomain& clock, const sc_core::sc_time& t) {
  Cycle c = static_cast<Cycle>(t / clock.period());
  if (clock.time_of(c) < t) {
    ++c;
  }
  return c;
}

}  // namespace systolica
