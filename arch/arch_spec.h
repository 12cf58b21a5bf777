#pragma once
// The resolved, validated description of the hardware. sim/config builds it from YAML; nothing here
// knows about files. Sizes are bytes, latencies are cycles of the named clock domain, frequencies Hz.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "arch/energy/energy_params.h"
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

// Per-field overrides of the DRAM preset (dram.timing.*, dram.org.*); an empty field keeps the preset's
// value. arch/dram/dram_config.h applies them and validates the result.
struct DramTimingOverrides {
  std::optional<double> tCK_ns;
  std::optional<int> CL, CWL, tRCD, tRP, tRPab, tRAS, tRC, tCCD_S, tCCD_L, tRRD_S, tRRD_L, tFAW, tWR, tWTR_S,
      tWTR_L, tRTP, tPPD, tRTRS, tREFI, tRFC;
};

struct DramOrgOverrides {
  std::optional<int> bank_groups, banks_per_group, rows, columns, bus_bits, burst_length;
};

struct DramSpec {
  std::string model = "cycle";      // "cycle" (per-bank controller) or "fixed" (fixed latency, for debugging)
  std::string preset = "DDR4-2400";  // DDR4-2400, LPDDR4-3200 or HBM2 (arch/dram/dram_preset.h)
  int channels = 1;
  int ranks = 1;
  bool refresh = true;               // all-bank refresh every tREFI
  std::string page_policy = "open";
  std::string address_mapping = "ro_ba_bg_co";  // from the most significant field down
  int read_queue = 32;
  int write_queue = 32;
  double write_drain_high = 0.75;  // fraction of the write queue that starts a drain
  double write_drain_low = 0.25;   // fraction at which the drain stops
  int frontend_latency = 1;        // DRAM clocks from accepting a request to it being schedulable
  double fixed_latency_ns = 50;    // used by model "fixed"
  DramTimingOverrides timing;
  DramOrgOverrides org;
};

// The crossbar between the cores' DMA engines and the L2 banks (or the DRAM when there is no L2).
struct NocSpec {
  int width_bytes = 64;     // bytes per L2 cycle on every link: a 64 B line in one beat
  int latency_cycles = 1;   // pipeline cycles from a transfer's last beat to its arrival
  int queue_depth = 4;      // requests queued per core, responses per core
  std::string arbitration = "round_robin";  // or "fixed" (core 0 first)
};

// How cores share the network (workloads/partition.h, docs/multicore.md).
struct PartitionSpec {
  std::string strategy = "channels";  // channels, rows, batch, pipeline or auto
};

struct ArchSpec {
  std::string name = "gemmini-like";
  int cores = 1;
  PartitionSpec partition;
  ClockSpec clock;
  ArraySpec array;
  SramSpec scratchpad{256 * 1024, 4, 16, 1, 1};  // int8 operands: one array row of bytes per access
  SramSpec accumulator{64 * 1024, 2, 64, 1, 1};  // int32 partial sums: one array row of int32 per access
  DmaSpec dma;
  NocSpec noc;
  L2Spec l2;
  DramSpec dram;
  EnergySpec energy;
};

}  // namespace systolica
