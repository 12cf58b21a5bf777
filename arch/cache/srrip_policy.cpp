// Static re-reference interval prediction (Jaleel et al., ISCA 2010), 2-bit, hit priority: a new line is
// predicted "long" (RRPV 2), a hit predicts "near" (0), and the victim is a line predicted "distant" (3).
// If none is, all candidates age until one is. Aging by whole steps ends at the candidate with the largest
// RRPV (the lowest way among ties), so victim() finds it without aging and on_evict() applies the aging.
// Unlike LRU, a one-pass scan cannot flush lines that were re-used: scanned lines enter at 2 and go first.
#include <cstddef>

#include "arch/cache/replacement_policy.h"

namespace systolica {
namespace {

constexpr std::uint8_t kDistant = 3;  // 2^2 - 1
constexpr std::uint8_t kLong = 2;     // the insertion prediction

class SrripPolicy final : public ReplacementPolicy {
 public:
  explicit SrripPolicy(const ReplacementShape& s) : ways_(s.ways), rrpv_(s.sets * s.ways, kDistant) {}

  void on_insert(std::uint64_t set, int way) override { rrpv_[index(set, way)] = kLong; }
  void on_hit(std::uint64_t set, int way) override { rrpv_[index(set, way)] = 0; }
  int victim(std::uint64_t set, const std::vector<int>& candidates) const override {
    int best = candidates.front();
    for (int way : candidates) {
      if (rrpv_[index(set, way)] > rrpv_[index(set, best)]) {
        best = way;
      }
    }
    return best;
  }
  void on_evict(std::uint64_t set, int way, const std::vector<int>& candidates) override {
    const std::uint8_t age = kDistant - rrpv_[index(set, way)];
    for (int w : candidates) {
      rrpv_[index(set, w)] += age;
    }
  }

 private:
  std::size_t index(std::uint64_t set, int way) const { return set * ways_ + way; }

  int ways_;
  std::vector<std::uint8_t> rrpv_;
};

}  // namespace

std::unique_ptr<ReplacementPolicy> make_srrip_policy(const ReplacementShape& shape) {
  return std::make_unique<SrripPolicy>(shape);
}

}  // namespace systolica
