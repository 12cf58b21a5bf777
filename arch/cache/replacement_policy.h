#pragma once
// Replacement policies, picked by name (l2.replacement). One file per policy (lru_policy.cpp, ...); the
// registry in replacement_registry.cpp maps names to them. The tag store fills invalid ways first and
// never offers a way whose fill is still pending, so a policy only ever ranks valid, settled lines.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace systolica {

struct ReplacementShape {
  std::uint64_t sets = 1;
  int ways = 1;
  std::uint64_t seed = 1;  // for policies that draw random numbers; the same seed gives the same run
};

class ReplacementPolicy {
 public:
  virtual ~ReplacementPolicy() = default;

  // A line was placed in (set, way) by a miss.
  virtual void on_insert(std::uint64_t set, int way) = 0;
  // A request re-referenced (set, way): a hit, or a miss that merged into the line's pending fill.
  virtual void on_hit(std::uint64_t set, int way) = 0;
  // Which of `candidates` (ways in ascending order, at least one) to evict. Pure: asked twice with no
  // update in between it answers the same, so a miss that must wait (for a write buffer, say) can ask
  // again later without disturbing the policy.
  virtual int victim(std::uint64_t set, const std::vector<int>& candidates) const = 0;
  // The cache evicts `way`, which victim() chose from `candidates`. Policies whose choice has side effects
  // (SRRIP's aging, the random generator's step) apply them here. on_insert(set, way) follows.
  virtual void on_evict(std::uint64_t set, int way, const std::vector<int>& candidates) = 0;
};

// The policy registered under `name`; throws std::invalid_argument naming the known ones otherwise.
std::unique_ptr<ReplacementPolicy> make_replacement_policy(const std::string& name,
                                                           const ReplacementShape& shape);
std::vector<std::string> replacement_policy_names();

}  // namespace systolica
