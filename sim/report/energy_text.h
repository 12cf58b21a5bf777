#pragma once
// The energy section of the terminal report: per layer by component, then the inference's total with
// pJ/MAC, average power, inferences per joule and TOPS/W (docs/energy.md).
#include <ostream>

#include "sim/run/run_result.h"

namespace systolica {

// Prints nothing for a run without energy (SCALE-Sim-compatible timing).
void print_energy(std::ostream& os, const RunResult& r);

}  // namespace systolica
