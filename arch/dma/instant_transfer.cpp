#include "arch/dma/instant_transfer.h"

#include <vector>

#include "arch/dma/dma_data.h"
#include "arch/dma/dma_walk.h"

namespace systolica {

void transfer_instantly(const DmaCommand& cmd, dram::BackingStore& memory, Sram& scratchpad,
                        Accumulator& accumulator, int request_bytes) {
  Sram& local = cmd.local == DmaLocal::Scratchpad ? scratchpad : static_cast<Sram&>(accumulator);
  const DmaRowPacking packing(cmd, local.geometry().row_bytes());
  DmaRequestSplitter split(cmd, request_bytes);
  std::vector<std::uint8_t> buffer;
  DmaChunk chunk;
  while (split.next(chunk)) {
    buffer.resize(static_cast<std::size_t>(chunk.bytes));
    if (cmd.direction == DmaDirection::Load) {
      memory.read(chunk.address, buffer.data(), buffer.size());
      for_each_segment(packing, chunk, cmd.memory_element_bytes(), [&](const DmaSegment& s, int offset) {
        write_segment(cmd, s, buffer.data() + offset, scratchpad, accumulator);
      });
    } else {
      for_each_segment(packing, chunk, cmd.memory_element_bytes(), [&](const DmaSegment& s, int offset) {
        read_segment(cmd, s, buffer.data() + offset, scratchpad, accumulator);
      });
      memory.write(chunk.address, buffer.data(), buffer.size());
    }
  }
}

}  // namespace systolica
