#pragma once
// The resolved, validated description of the hardware. sim/config builds it from YAML; nothing here
// knows about files. Sizes are bytes, latencies are cycles of the named clock domain, frequencies Hz.
#include <cstdint>
#include <string>
#include <vector>

#include "arch/systolic/dataflow.h"

namespace systolica {

struct ClockSpec {
  double core_hz = 1e9;  // cores, scratchpads, DMA
  double l2_hz = 1e9;    // L2 and the interconnect
};

struct ArraySpec {
  int rows = 16;
  int cols = 16;
  Dataflow dataflow = Dataflow::WeightStationary;  // the one used by this run
  std::vector<Dataflow> supported{Dataflow::WeightStationary, Dataflow::OutputStationary};
};

// A banked SRAM: the scratchpad (int8 rows) or the accumulator (int32 rows).
struct SramSpec {
  std::uint64_t capacity_bytes = 0;
  int banks = 1;
  int row_bytes = 16;  // bytes one bank reads or writes per access (the config's "auto" derives it)
  int ports_per_bank = 1;
  int latency_cycles = 1;
};

struct DmaSpec {
  int bus_bytes_per_cycle = 16;
  int request_bytes = 64;
  int max_outstanding = 16;
};

struct L2Spec {
  std::uint64_t capacity_bytes = 512 * 1024;  // 0 removes the L2
  int ways = 8;
  int line_bytes = 64;
  int banks = 4;
  int hit_latency_cycles = 10;
  int mshrs = 16;
  int write_buffers = 8;
  std::string replacement = "lru";
};

struct DramSpec {
  std::string model = "cycle";  // "cycle" (per-bank controller) or "fixed" (fixed latency, for debugging)
  std::string preset = "ddr4-2400";
  int channels = 1;
  int ranks = 1;
  std::string page_policy = "open";
  std::string address_mapping = "ro_ba_bg_co";  // from the most significant field down
  int read_queue = 32;
  int write_queue = 32;
  double write_drain_high = 0.75;  // fraction of the write queue that starts a drain
  double write_drain_low = 0.25;   // fraction at which the drain stops
  double fixed_latency_ns = 50;    // used by model "fixed"
};

struct ArchSpec {
  std::string name = "gemmini-like";
  int cores = 1;
  ClockSpec clock;
  ArraySpec array;
  SramSpec scratchpad{256 * 1024, 4, 16, 1, 1};  // int8 operands: one array row of bytes per access
  SramSpec accumulator{64 * 1024, 2, 64, 1, 1};  // int32 partial sums: one array row of int32 per access
  DmaSpec dma;
  L2Spec l2;
  DramSpec dram;
};

}  // namespace systolica
