#pragma once
// One request as the cache core sees it: plain C++, so the core is testable without SystemC. The SystemC
// wrapper builds it from a TLM payload and keeps the payload in `token`.
#include <cstdint>

namespace systolica {

struct Access {
  std::uint64_t address = 0;
  std::uint32_t size = 0;  // bytes, within one line
  bool write = false;
  int requester = 0;             // the core, for the stats
  std::uint8_t* data = nullptr;  // the requester's bytes; nullptr in timing-only runs
  void* token = nullptr;         // the caller's handle for this request; the core never touches it
};

}  // namespace systolica
