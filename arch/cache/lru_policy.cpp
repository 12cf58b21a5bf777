// Least recently used: every insert and hit stamps the way with a rising counter; the victim is the
// candidate with the oldest stamp. Exact LRU, not a tree approximation, so hand-made tests can predict it.
#include <cstddef>

#include "arch/cache/replacement_policy.h"

namespace systolica {
namespace {

class LruPolicy final : public ReplacementPolicy {
 public:
  explicit LruPolicy(const ReplacementShape& s) : ways_(s.ways), stamp_(s.sets * s.ways, 0) {}

  void on_insert(std::uint64_t set, int way) override { stamp_[index(set, way)] = ++now_; }
  void on_hit(std::uint64_t set, int way) override { stamp_[index(set, way)] = ++now_; }
  int victim(std::uint64_t set, const std::vector<int>& candidates) const override {
    int oldest = candidates.front();
    for (int way : candidates) {
      if (stamp_[index(set, way)] < stamp_[index(set, oldest)]) {
        oldest = way;
      }
    }
    return oldest;
  }
  void on_evict(std::uint64_t, int, const std::vector<int>&) override {}

 private:
  std::size_t index(std::uint64_t set, int way) const { return set * ways_ + way; }

  int ways_;
  std::vector<std::uint64_t> stamp_;
  std::uint64_t now_ = 0;
};

}  // namespace

std::unique_ptr<ReplacementPolicy> make_lru_policy(const ReplacementShape& shape) {
  return std::make_unique<LruPolicy>(shape);
}

}  // namespace systolica
