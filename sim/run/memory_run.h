#pragma once
// Native runs through the whole SoC: scratchpad, accumulator, DMA, interconnect, L2 and DRAM.
#include <vector>

#include "sim/run/run_driver.h"

namespace systolica {

// Fills result.layers. Throws std::invalid_argument for a layer or memory that cannot work.
void run_through_memory(const ArchSpec& arch, const std::vector<Layer>& layers, const RunOptions& options,
                        RunResult& result);

}  // namespace systolica
