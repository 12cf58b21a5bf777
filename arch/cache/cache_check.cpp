#include "arch/cache/cache_check.h"

#include <cstdio>
#include <cstdlib>

namespace systolica {

void cache_check_failed(const char* condition, const char* file, int line, const std::string& why) {
  std::fprintf(stderr, "L2 invariant failed at %s:%d: %s (%s)\n", file, line, why.c_str(), condition);
  std::fflush(stderr);
  std::abort();
}

}  // namespace systolica
