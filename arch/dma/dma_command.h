#pragma once
// What a core's controller asks its DMA to do, and what comes back. Plain C++ (no SystemC), so a mapper can
// build command streams without a simulator.
//
// Main-memory side: a strided box of up to 4 dimensions. Element (i0, i1, i2, i3), with dims[0] innermost,
// is at address + sum(i_d * dims[d].stride_bytes). Unused dimensions have size 1. Elements are int8, except
// int32 for loads into the accumulator and raw (unscaled) stores from it.
//
// Local side: elements are taken in "tile order" (i0 fastest) and packed into consecutive SRAM rows from
// first_row, elements_per_row per row:
//   - line mode (dense = false, the default, as Gemmini's mvin): every dims[0] line starts a new row and
//     takes ceil(dims[0].size / elements_per_row) rows; a pixel's channels become one array row.
//   - dense mode: the elements fill rows back to back, ignoring line boundaries.
#include <array>
#include <cstdint>
#include <iosfwd>

#include "arch/sram/acc_write.h"
#include "arch/sram/output_scale.h"
#include "arch/sram/sram_geometry.h"
#include "arch/systolic/tile_timing.h"

namespace systolica {

enum class DmaDirection : std::uint8_t { Load, Store };  // Load: memory -> SRAM; Store: SRAM -> memory
enum class DmaLocal : std::uint8_t { Scratchpad, Accumulator };

struct DmaDim {
  std::int64_t size = 1;          // >= 1
  std::int64_t stride_bytes = 0;  // >= 0, a multiple of the element size
};
inline constexpr int kDmaDims = 4;

struct DmaCommand {
  std::uint64_t id = 0;  // echoed in the completion
  DmaDirection direction = DmaDirection::Load;

  std::uint64_t address = 0;  // of element (0, 0, 0, 0); a multiple of the element size
  std::array<DmaDim, kDmaDims> dims{};

  DmaLocal local = DmaLocal::Scratchpad;
  SramRow first_row = 0;
  int elements_per_row = 0;  // 0: a full row (row_bytes / local element size)
  bool dense = false;

  AccWrite acc_write = AccWrite::Overwrite;  // accumulator loads: overwrite or add the int32 values
  bool raw_int32 = false;                    // accumulator stores: int32 as stored, no read-out
  OutputScale scale;                         // accumulator stores: scale, ReLU, int8 (unless raw_int32)

  std::int64_t elements() const;
  int memory_element_bytes() const;  // 1, or 4 for accumulator loads and raw accumulator stores
  int local_element_bytes() const { return local == DmaLocal::Accumulator ? 4 : 1; }
  std::uint64_t memory_bytes() const {
    return static_cast<std::uint64_t>(elements()) * memory_element_bytes();
  }
};

struct DmaCompletion {
  std::uint64_t id = 0;
  DmaDirection direction = DmaDirection::Load;
  Cycle accepted = 0;       // the engine took the command from its queue
  Cycle done = 0;           // load: every row written and readable; store: every write acknowledged by memory
  std::uint64_t bytes = 0;  // main-memory bytes moved
  std::uint64_t requests = 0;  // memory requests it took
};

// Shapes that come up all the time.
struct Nhwc {
  std::int64_t n = 1, h = 1, w = 1, c = 1;
};
// The box [origin, origin + extent) of an NHWC tensor of `shape` at `base`: dims = {c, w, h, n}.
void set_nhwc_box(DmaCommand& cmd, std::uint64_t base, const Nhwc& shape, const Nhwc& origin,
                  const Nhwc& extent, int element_bytes = 1);
// A rows x cols block of a row-major matrix with `row_stride_bytes` between rows: dims = {cols, rows}.
void set_matrix(DmaCommand& cmd, std::uint64_t address, std::int64_t rows, std::int64_t cols,
                std::int64_t row_stride_bytes, int element_bytes = 1);

std::ostream& operator<<(std::ostream& os, const DmaCommand& c);  // sc_fifo prints its contents
std::ostream& operator<<(std::ostream& os, const DmaCompletion& c);

}  // namespace systolica
