#pragma once
// From what the user set to a complete ArchSpec: every key starts at its schema default, the user's
// assignments replace those, and "auto" row widths are derived from the array. Range checks already
// happened per key; cross-field checks run afterwards (checks.h).
#include "sim/config/assignments.h"

namespace systolica::config {

// The schema defaults, parsed by the same code as any file (so a bad default fails the first test).
const Assignments& default_assignments();

ArchSpec resolve_arch(const Assignments& set);

}  // namespace systolica::config
