#include "arch/cache/l2_stats.h"

namespace systolica {

L2Counters& L2Counters::operator+=(const L2Counters& o) {
  reads += o.reads;
  writes += o.writes;
  read_bytes += o.read_bytes;
  write_bytes += o.write_bytes;
  hits += o.hits;
  misses += o.misses;
  mshr_merges += o.mshr_merges;
  fills += o.fills;
  full_line_write_misses += o.full_line_write_misses;
  evictions += o.evictions;
  writebacks += o.writebacks;
  bank_conflicts += o.bank_conflicts;
  blocked_cycles += o.blocked_cycles;
  return *this;
}

L2Counters L2Stats::total() const {
  L2Counters sum;
  for (const auto& [requester, counters] : by_requester_) {
    sum += counters;
  }
  return sum;
}

L2Stats& L2Stats::operator+=(const L2Stats& o) {
  for (const auto& [requester, counters] : o.by_requester_) {
    by_requester_[requester] += counters;
  }
  return *this;
}

}  // namespace systolica
