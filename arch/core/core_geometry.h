#pragma once
// The core as the mapper sees it (workloads/mapping.h), derived from the architecture.
#include "arch/arch_spec.h"
#include "workloads/mapping.h"

namespace systolica {

// Throws std::invalid_argument if an SRAM geometry is impossible (see SramGeometry).
CoreGeometry core_geometry(const ArchSpec& spec);

}  // namespace systolica
