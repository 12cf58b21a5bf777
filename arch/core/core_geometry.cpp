#include "arch/core/core_geometry.h"

#include "arch/sram/sram_geometry.h"

namespace systolica {

CoreGeometry core_geometry(const ArchSpec& spec) {
  const SramGeometry spad(spec.scratchpad), acc(spec.accumulator);
  CoreGeometry g;
  g.rows = spec.array.rows;
  g.cols = spec.array.cols;
  g.scratchpad_rows = spad.rows();
  g.scratchpad_row_bytes = spad.row_bytes();
  g.scratchpad_banks = spad.banks();
  g.accumulator_rows = acc.rows();
  g.accumulator_row_entries = acc.row_bytes() / 4;
  g.dma_bytes_per_cycle = spec.dma.bus_bytes_per_cycle;
  g.vector_lanes = spec.array.cols;  // one lane per array column, like Gemmini's read-out pipeline
  g.memory_line_bytes = spec.l2.capacity_bytes > 0 ? spec.l2.line_bytes : 64;  // a DRAM burst without an L2
  return g;
}

}  // namespace systolica
