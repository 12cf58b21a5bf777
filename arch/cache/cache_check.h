#pragma once
// Always-on invariant checks for the L2. sc_assert and assert vanish under NDEBUG (our RelWithDebInfo
// build), but a broken protocol or a corrupted MSHR must stop the run loudly in every build: a cache that
// silently answers the wrong bytes is worse than a crash. Plain C++, so the cache core needs no SystemC.
#include <fmt/format.h>

#include <string>

namespace systolica {

[[noreturn]] void cache_check_failed(const char* condition, const char* file, int line,
                                     const std::string& why);

}  // namespace systolica

#define L2_CHECK(cond, ...)                                                                   \
  do {                                                                                        \
    if (!(cond)) {                                                                            \
      ::systolica::cache_check_failed(#cond, __FILE__, __LINE__, ::fmt::format(__VA_ARGS__)); \
    }                                                                                         \
  } while (false)
