#pragma once
// Drives a BankCore with no simulator: every fill and write-back completes as soon as it is asked for, so
// a stream of accesses gives a plain hit/miss/eviction trace that a test can predict by hand.
#include <string>
#include <vector>

#include "arch/cache/bank_core.h"

namespace systolica::test {

// A bank of `sets` sets x `ways` ways of 64 B lines, the only bank, with room for everything else.
inline BankConfig small_bank(const std::string& policy, std::uint64_t sets, int ways,
                             bool functional = false) {
  BankConfig c;
  c.geometry = L2Geometry{64, 1, sets, ways};
  c.mshrs = 4;
  c.targets_per_mshr = 4;
  c.write_buffers = 4;
  c.functional = functional;
  c.replacement = policy;
  c.seed = 1;
  return c;
}

inline std::uint64_t line_address(char name) {
  return static_cast<std::uint64_t>(name - 'A') * 64;
}

struct CoreTrace {
  std::string outcomes;  // 'H' or 'M' per access
  std::string evicted;   // the lines displaced, in order, by name
};

// Reads each named line ('A' is line 0, 'B' line 1, ...) once, in order.
inline CoreTrace read_lines(BankCore& core, const std::string& lines) {
  CoreTrace t;
  for (char name : lines) {
    Access a;
    a.address = line_address(name);
    a.size = 64;
    const AccessResult r = core.access(a);
    t.outcomes += r.outcome == Outcome::Hit ? 'H' : r.outcome == Outcome::Blocked ? 'B' : 'M';
    if (r.evicted) {
      t.evicted += static_cast<char>('A' + r.evicted_line);
    }
    if (r.outcome == Outcome::MissFill) {
      core.complete_fill(r.mshr, nullptr);
    }
    if (r.writeback >= 0) {
      core.complete_writeback(r.writeback);
    }
  }
  return t;
}

}  // namespace systolica::test
