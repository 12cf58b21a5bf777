#pragma once
// The readable per-layer table a run prints on the terminal.
#include <ostream>

#include "sim/run/run_result.h"

namespace systolica {

void print_run_table(std::ostream& os, const RunResult& result);

}  // namespace systolica
