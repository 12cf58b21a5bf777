#pragma once
// Where a byte address lives in the L2: its line, its bank (lines interleave across banks, so streams
// spread evenly) and its set inside that bank. The one place that knows the address split. Plain C++.
#include <cstdint>

#include "arch/arch_spec.h"

namespace systolica {

struct L2Geometry {
  std::uint64_t line_bytes = 64;
  std::uint64_t banks = 1;
  std::uint64_t sets = 1;  // per bank; need not be a power of two (the config only asks for whole sets)
  int ways = 1;

  // Checks what the config validated, again, so that a hand-built spec cannot build a broken cache.
  static L2Geometry from(const L2Spec& spec);

  std::uint64_t line_of(std::uint64_t address) const { return address / line_bytes; }
  std::uint64_t address_of(std::uint64_t line) const { return line * line_bytes; }
  std::uint64_t offset_of(std::uint64_t address) const { return address % line_bytes; }
  int bank_of_line(std::uint64_t line) const { return static_cast<int>(line % banks); }
  // The bank index bits are stripped first, so every set of every bank is used.
  std::uint64_t set_of_line(std::uint64_t line) const { return (line / banks) % sets; }
};

}  // namespace systolica
