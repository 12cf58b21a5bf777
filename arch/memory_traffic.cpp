#include "arch/memory_traffic.h"

namespace systolica {

namespace {
// Applies `op` to every counter of `a` and `b`, in one list so a new counter cannot be forgotten in one
// of the operators.
template <class Op>
void each(MemoryTraffic& a, const MemoryTraffic& b, Op op) {
  std::uint64_t MemoryTraffic::*fields[] = {
      &MemoryTraffic::dram_reads,        &MemoryTraffic::dram_writes,       &MemoryTraffic::dram_read_bytes,
      &MemoryTraffic::dram_write_bytes,  &MemoryTraffic::dram_row_hits,     &MemoryTraffic::dram_row_misses,
      &MemoryTraffic::dram_row_conflicts, &MemoryTraffic::dram_act,         &MemoryTraffic::dram_pre,
      &MemoryTraffic::dram_rd,           &MemoryTraffic::dram_wr,           &MemoryTraffic::dram_ref,
      &MemoryTraffic::l2_reads,          &MemoryTraffic::l2_writes,         &MemoryTraffic::l2_hits,
      &MemoryTraffic::l2_misses,         &MemoryTraffic::l2_writebacks,     &MemoryTraffic::dma_load_bytes,
      &MemoryTraffic::dma_store_bytes,   &MemoryTraffic::dma_requests,      &MemoryTraffic::scratchpad_reads,
      &MemoryTraffic::scratchpad_writes, &MemoryTraffic::accumulator_reads, &MemoryTraffic::accumulator_writes,
      &MemoryTraffic::scratchpad_read_bytes, &MemoryTraffic::scratchpad_write_bytes,
      &MemoryTraffic::accumulator_read_bytes, &MemoryTraffic::accumulator_write_bytes,
      &MemoryTraffic::dma_bank_wait_cycles, &MemoryTraffic::dram_rank_cycles,
      &MemoryTraffic::dram_active_rank_cycles, &MemoryTraffic::noc_messages, &MemoryTraffic::noc_bytes};
  for (auto f : fields) a.*f = op(a.*f, b.*f);
}
}  // namespace

MemoryTraffic MemoryTraffic::operator-(const MemoryTraffic& before) const {
  MemoryTraffic d = *this;
  each(d, before, [](std::uint64_t x, std::uint64_t y) { return x - y; });
  return d;
}

MemoryTraffic& MemoryTraffic::operator+=(const MemoryTraffic& o) {
  each(*this, o, [](std::uint64_t x, std::uint64_t y) { return x + y; });
  return *this;
}

}  // namespace systolica
