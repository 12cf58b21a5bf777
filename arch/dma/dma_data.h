#pragma once
// The functional half of the DMA: moving one row segment between a request's bytes and the SRAM, with the
// element conversions a command asks for. Main memory is little-endian.
//   scratchpad: int8 <-> int8, byte for byte
//   accumulator load: int32 -> int32, overwriting or adding (AccWrite)
//   accumulator store: int32 -> int8 through the read-out (OutputScale), or int32 as is (raw_int32)
#include <cstdint>

#include "arch/dma/dma_walk.h"
#include "arch/sram/accumulator.h"

namespace systolica {

void write_segment(const DmaCommand& cmd, const DmaSegment& s, const std::uint8_t* bytes, Sram& scratchpad,
                   Accumulator& accumulator);
void read_segment(const DmaCommand& cmd, const DmaSegment& s, std::uint8_t* bytes, const Sram& scratchpad,
                  const Accumulator& accumulator);

}  // namespace systolica
