#pragma once
// Splits a layer's cycles into the report's stall categories (StallCycles), from the array's own
// accounting and the layer's memory counters. docs/reports.md states the rules.
#include "arch/arch_spec.h"
#include "arch/core/layer_timing.h"
#include "arch/memory_traffic.h"
#include "sim/run/run_result.h"

namespace systolica {

StallCycles attribute_stalls(const ArchSpec& arch, const LayerTiming& timing, const MemoryTraffic& traffic);

// Core cycles of an unloaded DRAM read (activate, column read, burst), for weighing L2 misses.
double dram_read_latency_cycles(const ArchSpec& arch);

}  // namespace systolica
