#pragma once
// One bank's tags (and, in functional mode, its line data): sets x ways of entries, plus the replacement
// policy that ranks them. A way that a miss has claimed but whose fill has not arrived is Filling: not a
// hit (the request merges through the MSHR instead) and not a victim (its fill will land there).
#include <cstdint>
#include <memory>
#include <vector>

#include "arch/cache/replacement_policy.h"

namespace systolica {

enum class LineState : std::uint8_t { Invalid, Filling, Valid };

struct TagEntry {
  std::uint64_t line = 0;  // the line number (address / line_bytes): the full tag, simple and exact
  LineState state = LineState::Invalid;
  bool dirty = false;
};

class TagStore {
 public:
  TagStore(std::uint64_t sets, int ways, std::uint64_t line_bytes, bool functional,
           std::unique_ptr<ReplacementPolicy> policy);

  // The way holding `line` as Valid, or -1.
  int find_valid(std::uint64_t set, std::uint64_t line) const;
  // The way a miss in `set` would take: the lowest Invalid way, else the policy's victim among the Valid
  // ways; -1 if every way is Filling. Pure, so a blocked miss may ask again later.
  int choose_way(std::uint64_t set) const;
  // Gives `way` (from choose_way) to `line`. The caller has already saved the old line if it was dirty.
  void claim(std::uint64_t set, int way, std::uint64_t line, LineState state);
  void touch(std::uint64_t set, int way) { policy_->on_hit(set, way); }

  TagEntry& entry(std::uint64_t set, int way) { return tags_[set * ways_ + way]; }
  const TagEntry& entry(std::uint64_t set, int way) const { return tags_[set * ways_ + way]; }
  std::uint8_t* data(std::uint64_t set, int way);  // nullptr in timing-only mode

 private:
  const std::vector<int>& valid_ways(std::uint64_t set) const;  // refills scratch_

  int ways_;
  std::uint64_t line_bytes_;
  std::vector<TagEntry> tags_;
  std::vector<std::uint8_t> data_;  // empty in timing-only mode
  std::unique_ptr<ReplacementPolicy> policy_;
  mutable std::vector<int> scratch_;
};

}  // namespace systolica
