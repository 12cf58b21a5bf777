#include "arch/dma/dma_data.h"

#include <cstring>

namespace systolica {
namespace {

std::int32_t load_le32(const std::uint8_t* p) {
  const std::uint32_t u = p[0] | (p[1] << 8) | (p[2] << 16) | (static_cast<std::uint32_t>(p[3]) << 24);
  std::int32_t v;
  std::memcpy(&v, &u, sizeof v);
  return v;
}

void store_le32(std::int32_t v, std::uint8_t* p) {
  std::uint32_t u;
  std::memcpy(&u, &v, sizeof u);
  for (int b = 0; b < 4; ++b) p[b] = static_cast<std::uint8_t>(u >> (8 * b));
}

}  // namespace

void write_segment(const DmaCommand& cmd, const DmaSegment& s, const std::uint8_t* bytes, Sram& scratchpad,
                   Accumulator& accumulator) {
  if (cmd.local == DmaLocal::Scratchpad) {
    std::memcpy(scratchpad.row_data(s.row) + s.entry, bytes, static_cast<std::size_t>(s.elements));
    return;
  }
  for (int i = 0; i < s.elements; ++i) {
    accumulator.write(s.row, s.entry + i, load_le32(bytes + 4 * i), cmd.acc_write);
  }
}

void read_segment(const DmaCommand& cmd, const DmaSegment& s, std::uint8_t* bytes, const Sram& scratchpad,
                  const Accumulator& accumulator) {
  if (cmd.local == DmaLocal::Scratchpad) {
    std::memcpy(bytes, scratchpad.row_data(s.row) + s.entry, static_cast<std::size_t>(s.elements));
    return;
  }
  for (int i = 0; i < s.elements; ++i) {
    if (cmd.raw_int32) {
      store_le32(accumulator.value(s.row, s.entry + i), bytes + 4 * i);
    } else {
      bytes[i] = static_cast<std::uint8_t>(accumulator.read_out(s.row, s.entry + i, cmd.scale));
    }
  }
}

}  // namespace systolica
