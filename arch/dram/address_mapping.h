#pragma once
// Physical address -> (channel, rank, bank group, bank, row, column). The mapping is named by its fields
// from the most significant down, e.g. "ro_ba_bg_co" (dram.md's: row | bank | bank group | column, the
// burst offset lowest). Fields: ro row, ra rank, ba bank, bg bank group, co column, ch channel. ra and ch
// may be left out: then the channel sits just above the burst offset (consecutive bursts alternate
// channels, each channel still sees consecutive columns of one row) and the rank just below the row.
// Every field is a power of two, so decoding is shifts and masks. Plain C++.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "arch/dram/dram_preset.h"
#include "arch/dram/dram_types.h"

namespace systolica::dram {

class AddressMapper {
 public:
  // Throws std::invalid_argument if `mapping` is not a valid name (see mapping_error).
  AddressMapper(const DramOrganization& org, std::string_view mapping);

  DramAddress decode(std::uint64_t address) const;
  std::uint64_t encode(const DramAddress& a) const;  // the burst-aligned address of `a` (the inverse)
  std::uint64_t capacity_bytes() const { return capacity_; }
  int offset_bits() const { return offset_bits_; }

  // Why `mapping` is not a valid name, or "" if it is.
  static std::string mapping_error(std::string_view mapping);

 private:
  enum Field { Row, Rank, Bank, Group, Column, Channel, kFields };
  struct Slice {
    int shift = 0;  // position above the burst offset
    int bits = 0;
  };
  std::array<Slice, kFields> slice_{};
  int offset_bits_ = 0;
  std::uint64_t capacity_ = 0;
};

}  // namespace systolica::dram
