#include "arch/dram/backing_store.h"

#include <algorithm>
#include <cstring>

namespace systolica::dram {

void BackingStore::read(std::uint64_t address, unsigned char* out, std::size_t length) const {
  while (length > 0) {
    const std::uint64_t offset = address % kPageBytes;
    const std::size_t n = std::min<std::size_t>(length, kPageBytes - offset);
    const auto it = pages_.find(address / kPageBytes);
    if (it == pages_.end()) {
      std::memset(out, 0, n);
    } else {
      std::memcpy(out, it->second->data() + offset, n);
    }
    address += n;
    out += n;
    length -= n;
  }
}

void BackingStore::write(std::uint64_t address, const unsigned char* in, std::size_t length,
                         const unsigned char* enable, std::size_t enable_length) {
  std::size_t done = 0;
  while (done < length) {
    const std::uint64_t offset = address % kPageBytes;
    const std::size_t n = std::min<std::size_t>(length - done, kPageBytes - offset);
    auto& page = pages_[address / kPageBytes];
    if (!page) page = std::make_unique<Page>(Page{});
    for (std::size_t i = 0; i < n; ++i) {
      if (enable == nullptr || enable[(done + i) % enable_length] != 0) (*page)[offset + i] = in[done + i];
    }
    address += n;
    done += n;
  }
}

}  // namespace systolica::dram
