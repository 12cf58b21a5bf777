#pragma once
// The terminal's multi-core section: each core's busy, waiting and idle cycles and its utilization, the
// run's imbalance, and the layers the cores shared least evenly (docs/multicore.md).
#include <ostream>

#include "sim/run/run_result.h"

namespace systolica {

// Prints nothing for a one-core run.
void print_core_table(std::ostream& os, const RunResult& r);

}  // namespace systolica
