#pragma once
// A DMA command carried out at once, with no timing: the bytes move between main memory and the core's
// SRAMs exactly as the DMA engine would move them (same request split, same row packing, same element
// conversions). The ideal-memory mode uses it, so that it runs the same mapping and the same command
// stream as the full memory system, with every load and store taking zero time.
#include "arch/dma/dma_command.h"
#include "arch/dram/backing_store.h"
#include "arch/sram/accumulator.h"

namespace systolica {

void transfer_instantly(const DmaCommand& cmd, dram::BackingStore& memory, Sram& scratchpad,
                        Accumulator& accumulator, int request_bytes);

}  // namespace systolica
