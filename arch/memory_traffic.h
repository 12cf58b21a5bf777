#pragma once
// Counters of every memory level, summed over the SoC at one moment. Reports take the difference of two
// snapshots (a layer's start and end) to charge traffic to a layer.
#include <cstdint>

namespace systolica {

struct MemoryTraffic {
  // DRAM: bursts and bytes over its data bus, row-buffer outcomes, commands.
  std::uint64_t dram_reads = 0, dram_writes = 0, dram_read_bytes = 0, dram_write_bytes = 0;
  std::uint64_t dram_row_hits = 0, dram_row_misses = 0, dram_row_conflicts = 0;
  std::uint64_t dram_act = 0, dram_pre = 0, dram_rd = 0, dram_wr = 0, dram_ref = 0;
  // DRAM background state, in DRAM clocks summed over channels and ranks up to the snapshot's simulated
  // time: all of them (rank_cycles) and those with at least one bank of the rank open (active standby;
  // a bank counts from its ACT until its PRE, PREA or auto-precharge). Precharged standby is the
  // difference. The fixed-latency model has no banks: active is 0 there.
  std::uint64_t dram_rank_cycles = 0, dram_active_rank_cycles = 0;
  // L2 (all zero without one).
  std::uint64_t l2_reads = 0, l2_writes = 0, l2_hits = 0, l2_misses = 0, l2_writebacks = 0;
  // Interconnect (crossbar), summed over requesters. Messages carried over its links: a read is a request
  // and a data response, a write a data request and an acknowledgement (2 each). Bytes: the data those
  // messages carry, both directions (write data on requests, read data on responses); headers, read
  // requests and write acknowledgements carry none.
  std::uint64_t noc_messages = 0, noc_bytes = 0;
  // Each core's DMA, summed: bytes it asked main memory for (loads) and wrote (stores).
  std::uint64_t dma_load_bytes = 0, dma_store_bytes = 0, dma_requests = 0;
  // Core-local SRAMs, summed over cores: row accesses.
  std::uint64_t scratchpad_reads = 0, scratchpad_writes = 0, accumulator_reads = 0, accumulator_writes = 0;
  std::uint64_t scratchpad_read_bytes = 0, scratchpad_write_bytes = 0, accumulator_read_bytes = 0,
                accumulator_write_bytes = 0;
  // Cycles the DMA's load writes waited for a scratchpad or accumulator bank port, summed over accesses.
  std::uint64_t dma_bank_wait_cycles = 0;

  MemoryTraffic operator-(const MemoryTraffic& before) const;
  MemoryTraffic& operator+=(const MemoryTraffic& o);
};

}  // namespace systolica
