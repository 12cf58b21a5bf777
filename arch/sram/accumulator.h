#pragma once
// The accumulator: a banked SRAM of int32 rows (row_bytes / 4 entries each) that the array writes partial
// sums into, overwriting (the first reduction block) or adding (the later ones), and that the DMA reads out
// through the output scaling (output_scale.h) to int8. Sums wrap modulo 2^32 like the array's int32 adders.
// Timing is the base class's access(); these calls only move values, in functional runs.
#include <cstdint>

#include "arch/sram/acc_write.h"
#include "arch/sram/output_scale.h"
#include "arch/sram/sram.h"

namespace systolica {

class Accumulator : public Sram {
 public:
  // Throws std::invalid_argument if row_bytes is not a multiple of 4 (or on a bad geometry).
  Accumulator(std::string name, const SramSpec& spec, bool functional, const ClockDomain* clock = nullptr);

  int entries_per_row() const { return geometry().row_bytes() / 4; }

  std::int32_t value(SramRow row, int entry) const;
  void write(SramRow row, int entry, std::int32_t v, AccWrite mode);
  std::int8_t read_out(SramRow row, int entry, const OutputScale& scale) const {
    return systolica::read_out(value(row, entry), scale);
  }

  // Whole-row conveniences: n entries from `first`.
  void write_row(SramRow row, const std::int32_t* v, int n, AccWrite mode, int first = 0);
  void read_out_row(SramRow row, std::int8_t* out, int n, const OutputScale& scale, int first = 0) const;
};

}  // namespace systolica
