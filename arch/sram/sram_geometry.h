#pragma once
// Where a row of a banked SRAM lives. Rows are numbered 0 .. rows()-1 and each bank holds one contiguous
// range of them (row r is in bank r / rows_per_bank), as Gemmini's scratchpad does: a buffer that sits in
// its own banks never conflicts with one in other banks, whatever the access pattern. A bank that is not a
// whole number of rows leaves its last few bytes unused (the config allows odd array widths).
#include <cstdint>
#include <vector>

#include "arch/arch_spec.h"

namespace systolica {

using SramRow = std::int64_t;  // a row index in one SRAM, 0 .. rows()-1

class SramGeometry {
 public:
  // Throws std::invalid_argument if a bank cannot hold one row or the spec is not positive.
  explicit SramGeometry(const SramSpec& spec);

  int banks() const { return banks_; }
  int row_bytes() const { return row_bytes_; }
  SramRow rows_per_bank() const { return rows_per_bank_; }
  SramRow rows() const { return rows_per_bank_ * banks_; }
  int bank_of(SramRow row) const { return static_cast<int>(row / rows_per_bank_); }
  SramRow first_row_of_bank(int bank) const { return rows_per_bank_ * bank; }
  bool contains(SramRow row) const { return row >= 0 && row < rows(); }

 private:
  int banks_;
  int row_bytes_;
  SramRow rows_per_bank_;
};

// A range of rows the mapper hands to one buffer (a tile of operands or of partial sums).
struct SramRegion {
  SramRow first_row = 0;
  SramRow rows = 0;
  SramRow end() const { return first_row + rows; }
};

// Splits the SRAM into `n` equal buffers for double (n = 2) or deeper buffering. When n divides the banks,
// each buffer is whole banks, so loading one never conflicts with computing from another; otherwise the
// buffers are equal row ranges that may share a bank at their edges (and conflict there). Throws
// std::invalid_argument if n < 1 or the SRAM has fewer than n rows.
std::vector<SramRegion> split_buffers(const SramGeometry& geometry, int n);

}  // namespace systolica
