#include "arch/dma/dma_command.h"

#include <ostream>

namespace systolica {

std::int64_t DmaCommand::elements() const {
  std::int64_t n = 1;
  for (const DmaDim& d : dims) n *= d.size;
  return n;
}

int DmaCommand::memory_element_bytes() const {
  if (local == DmaLocal::Scratchpad) return 1;
  return direction == DmaDirection::Load || raw_int32 ? 4 : 1;
}

void set_nhwc_box(DmaCommand& cmd, std::uint64_t base, const Nhwc& shape, const Nhwc& origin,
                  const Nhwc& extent, int element_bytes) {
  const std::int64_t eb = element_bytes;
  const std::int64_t sw = shape.c * eb, sh = shape.w * sw, sn = shape.h * sh;
  cmd.address =
      base + static_cast<std::uint64_t>(origin.n * sn + origin.h * sh + origin.w * sw + origin.c * eb);
  cmd.dims = {DmaDim{extent.c, eb}, DmaDim{extent.w, sw}, DmaDim{extent.h, sh}, DmaDim{extent.n, sn}};
}

void set_matrix(DmaCommand& cmd, std::uint64_t address, std::int64_t rows, std::int64_t cols,
                std::int64_t row_stride_bytes, int element_bytes) {
  cmd.address = address;
  cmd.dims = {DmaDim{cols, element_bytes}, DmaDim{rows, row_stride_bytes}, DmaDim{}, DmaDim{}};
}

std::ostream& operator<<(std::ostream& os, const DmaCommand& c) {
  return os << (c.direction == DmaDirection::Load ? "load#" : "store#") << c.id << " 0x" << std::hex
            << c.address << std::dec << " " << c.elements() << " elements, row " << c.first_row;
}

std::ostream& operator<<(std::ostream& os, const DmaCompletion& c) {
  return os << (c.direction == DmaDirection::Load ? "load#" : "store#") << c.id << " done@" << c.done;
}

}  // namespace systolica
