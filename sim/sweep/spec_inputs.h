#pragma once
// The files a sweep spec names, checked before any point runs: a missing base config or a workload that
// does not load would fail every point the same way, so it stops the sweep at once (exit status 2).
#include "sim/sweep/sweep_spec.h"

namespace systolica::sweep {

// Throws UsageError naming the spec file, the key and the problem.
void check_spec_inputs(const SweepSpec& spec);

}  // namespace systolica::sweep
