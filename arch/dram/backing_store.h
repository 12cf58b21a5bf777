#pragma once
// The bytes a functional run keeps in DRAM: sparse 4 KiB pages, allocated on first write, zero until
// written. Timing-only runs never touch it. Plain C++.
#include <array>
#include <cstdint>
#include <memory>
#include <unordered_map>

namespace systolica::dram {

class BackingStore {
 public:
  void read(std::uint64_t address, unsigned char* out, std::size_t length) const;
  // Writes `length` bytes; where `enable` is given, only bytes whose enable byte is nonzero (the TLM
  // byte-enable convention, repeating every `enable_length` bytes).
  void write(std::uint64_t address, const unsigned char* in, std::size_t length,
             const unsigned char* enable = nullptr, std::size_t enable_length = 0);
  std::size_t pages() const { return pages_.size(); }

 private:
  static constexpr std::uint64_t kPageBytes = 4096;
  using Page = std::array<unsigned char, kPageBytes>;
  std::unordered_map<std::uint64_t, std::unique_ptr<Page>> pages_;
};

}  // namespace systolica::dram
