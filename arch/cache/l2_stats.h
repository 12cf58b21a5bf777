#pragma once
// The L2's counters: plain integers per requester (the core in MemRequestExtension), summed into totals
// when read. Rates (hit rate, MPKI) are formulas for the reports, never stored. docs/l2_cache.md says
// exactly when each counter moves.
#include <cstdint>
#include <map>

namespace systolica {

struct L2Counters {
  std::uint64_t reads = 0;        // read requests served (each counted once, when its access started)
  std::uint64_t writes = 0;       // write requests served
  std::uint64_t read_bytes = 0;   // bytes returned to the requester
  std::uint64_t write_bytes = 0;  // bytes written by the requester
  std::uint64_t hits = 0;         // hits + misses = reads + writes
  std::uint64_t misses = 0;       // = mshr_merges + fills + full_line_write_misses
  std::uint64_t mshr_merges = 0;  // misses that joined a fill already outstanding for their line
  std::uint64_t fills = 0;        // line reads sent to memory
  std::uint64_t full_line_write_misses = 0;  // write misses covering a whole line: allocated with no fill
  std::uint64_t evictions = 0;               // valid lines displaced by this requester's misses
  std::uint64_t writebacks = 0;              // dirty evictions: line writes sent to memory
  std::uint64_t bank_conflicts = 0;  // cycles this requester's requests waited while the bank served another
  std::uint64_t blocked_cycles = 0;  // cycles its request waited at a bank's head for an MSHR, a target
                                     // slot, a way, a write buffer, or an upstream that held a response

  L2Counters& operator+=(const L2Counters& o);
};

// Counters keyed by requester. A requester appears once it has made a request.
class L2Stats {
 public:
  L2Counters& of(int requester) { return by_requester_[requester]; }
  const std::map<int, L2Counters>& by_requester() const { return by_requester_; }
  L2Counters total() const;
  L2Stats& operator+=(const L2Stats& o);

 private:
  std::map<int, L2Counters> by_requester_;
};

}  // namespace systolica
