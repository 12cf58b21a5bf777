#include "arch/cache/tag_store.h"

#include "arch/cache/cache_check.h"

namespace systolica {

TagStore::TagStore(std::uint64_t sets, int ways, std::uint64_t line_bytes, bool functional,
                   std::unique_ptr<ReplacementPolicy> policy)
    : ways_(ways),
      line_bytes_(line_bytes),
      tags_(sets * ways),
      data_(functional ? sets * ways * line_bytes : 0),
      policy_(std::move(policy)) {
  scratch_.reserve(ways);
}

int TagStore::find_valid(std::uint64_t set, std::uint64_t line) const {
  for (int w = 0; w < ways_; ++w) {
    const TagEntry& e = entry(set, w);
    if (e.state == LineState::Valid && e.line == line) {
      return w;
    }
  }
  return -1;
}

const std::vector<int>& TagStore::valid_ways(std::uint64_t set) const {
  scratch_.clear();
  for (int w = 0; w < ways_; ++w) {
    if (entry(set, w).state == LineState::Valid) {
      scratch_.push_back(w);
    }
  }
  return scratch_;
}

int TagStore::choose_way(std::uint64_t set) const {
  for (int w = 0; w < ways_; ++w) {
    if (entry(set, w).state == LineState::Invalid) {
      return w;
    }
  }
  const std::vector<int>& candidates = valid_ways(set);
  return candidates.empty() ? -1 : policy_->victim(set, candidates);
}

void TagStore::claim(std::uint64_t set, int way, std::uint64_t line, LineState state) {
  TagEntry& e = entry(set, way);
  L2_CHECK(e.state != LineState::Filling, "claiming way {} of set {} while its fill is pending", way, set);
  if (e.state == LineState::Valid) {
    policy_->on_evict(set, way, valid_ways(set));
  }
  e = TagEntry{line, state, false};
  policy_->on_insert(set, way);
}

std::uint8_t* TagStore::data(std::uint64_t set, int way) {
  return data_.empty() ? nullptr : data_.data() + (set * ways_ + way) * line_bytes_;
}

}  // namespace systolica
