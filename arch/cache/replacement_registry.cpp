// The name -> policy table. Adding a policy: write its file with a make_<name>_policy() factory, then add
// one declaration and one row here. (Self-registering statics would need no row, but systolica_arch is a
// static library: the linker drops object files nothing refers to, and with them their registrations, so
// a policy would silently vanish from the binary. One explicit row is the honest price.)
#include <stdexcept>

#include "arch/cache/replacement_policy.h"

namespace systolica {

std::unique_ptr<ReplacementPolicy> make_lru_policy(const ReplacementShape& shape);
std::unique_ptr<ReplacementPolicy> make_random_policy(const ReplacementShape& shape);
std::unique_ptr<ReplacementPolicy> make_srrip_policy(const ReplacementShape& shape);

namespace {

struct Entry {
  const char* name;
  std::unique_ptr<ReplacementPolicy> (*make)(const ReplacementShape&);
};

constexpr Entry kPolicies[] = {
    {"lru", make_lru_policy},
    {"random", make_random_policy},
    {"srrip", make_srrip_policy},
};

}  // namespace

std::unique_ptr<ReplacementPolicy> make_replacement_policy(const std::string& name,
                                                           const ReplacementShape& shape) {
  for (const Entry& e : kPolicies) {
    if (name == e.name) {
      return e.make(shape);
    }
  }
  std::string known;
  for (const Entry& e : kPolicies) {
    known += (known.empty() ? "" : ", ") + std::string(e.name);
  }
  throw std::invalid_argument("unknown L2 replacement policy '" + name + "'; known: " + known);
}

std::vector<std::string> replacement_policy_names() {
  std::vector<std::string> names;
  for (const Entry& e : kPolicies) {
    names.emplace_back(e.name);
  }
  return names;
}

}  // namespace systolica
