#pragma once
// Runs a network through the whole memory system: maps every layer, places the tensors in main memory,
// elaborates the SoC with the core's program and simulates it. Functional runs load seeded weights and
// inputs and check every layer's output tensor, bit for bit, against the reference network.
#include "sim/run/run_driver.h"

namespace systolica {

void run_network_through_memory(const ArchSpec& arch, const Network& net, const RunOptions& options,
                                RunResult& result);

}  // namespace systolica
