#include "arch/sram/accumulator.h"

#include <cstring>
#include <stdexcept>

namespace systolica {
namespace {

const SramSpec& checked(const SramSpec& spec) {
  if (spec.row_bytes % 4 != 0) throw std::invalid_argument("accumulator: row_bytes must be a multiple of 4");
  return spec;
}

}  // namespace

Accumulator::Accumulator(std::string name, const SramSpec& spec, bool functional, const ClockDomain* clock)
    : Sram(std::move(name), checked(spec), functional, clock) {}

// Entries are stored little-endian, as they are in main memory, so the DMA can copy raw int32 rows.
std::int32_t Accumulator::value(SramRow row, int entry) const {
  sc_assert(entry >= 0 && entry < entries_per_row());
  const std::uint8_t* p = row_data(row) + 4 * entry;
  const std::uint32_t u = p[0] | (p[1] << 8) | (p[2] << 16) | (static_cast<std::uint32_t>(p[3]) << 24);
  std::int32_t v;
  std::memcpy(&v, &u, sizeof v);
  return v;
}

void Accumulator::write(SramRow row, int entry, std::int32_t v, AccWrite mode) {
  sc_assert(entry >= 0 && entry < entries_per_row());
  std::uint32_t u;  // unsigned: wraparound without undefined behaviour
  std::memcpy(&u, &v, sizeof u);
  if (mode == AccWrite::Accumulate) {
    const std::int32_t old = value(row, entry);
    std::uint32_t o;
    std::memcpy(&o, &old, sizeof o);
    u += o;
  }
  std::uint8_t* p = row_data(row) + 4 * entry;
  for (int b = 0; b < 4; ++b) p[b] = static_cast<std::uint8_t>(u >> (8 * b));
}

void Accumulator::write_row(SramRow row, const std::int32_t* v, int n, AccWrite mode, int first) {
  for (int i = 0; i < n; ++i) write(row, first + i, v[i], mode);
}

void Accumulator::read_out_row(SramRow row, std::int8_t* out, int n, const OutputScale& scale,
                               int first) const {
  for (int i = 0; i < n; ++i) out[i] = read_out(row, first + i, scale);
}

}  // namespace systolica
