#pragma once
// Cross-field checks: rules that involve more than one key. All of them live here, each naming the keys
// involved, and each reported at the file:line (or --set) of the first involved key the user set.
#include "sim/config/assignments.h"

namespace systolica::config {

void check_arch(const ArchSpec& arch, const Assignments& set);

}  // namespace systolica::config
