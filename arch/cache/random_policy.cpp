// Random: the victim is candidates[splitmix64() % count], drawn from a generator seeded from the config, so
// runs repeat exactly. splitmix64 is written out (not std::uniform_int_distribution, whose output differs
// between standard libraries) so tests can predict each draw. The generator steps once per eviction only.
#include "arch/cache/replacement_policy.h"

namespace systolica {
namespace {

std::uint64_t splitmix64(std::uint64_t state) {
  std::uint64_t z = state + 0x9e3779b97f4a7c15ull;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

class RandomPolicy final : public ReplacementPolicy {
 public:
  explicit RandomPolicy(const ReplacementShape& s) : state_(s.seed) {}

  void on_insert(std::uint64_t, int) override {}
  void on_hit(std::uint64_t, int) override {}
  int victim(std::uint64_t, const std::vector<int>& candidates) const override {
    return candidates[splitmix64(state_) % candidates.size()];
  }
  void on_evict(std::uint64_t, int, const std::vector<int>&) override { state_ += 0x9e3779b97f4a7c15ull; }

 private:
  std::uint64_t state_;  // eviction n (from 0) uses output n + 1 of the reference splitmix64 seeded with seed
};

}  // namespace

std::unique_ptr<ReplacementPolicy> make_random_policy(const ReplacementShape& shape) {
  return std::make_unique<RandomPolicy>(shape);
}

}  // namespace systolica
