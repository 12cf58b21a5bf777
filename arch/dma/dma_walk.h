#pragma once
// How one DMA command turns into memory requests and SRAM row accesses. Plain C++, shared by the load and
// store engines and testable without a simulator.
//   - DmaRequestSplitter walks the main-memory box in tile order and cuts it into requests: each covers
//     consecutive elements that are contiguous in memory and never crosses a request_bytes-aligned
//     boundary, so interior requests are whole aligned blocks and the first and last of a contiguous run
//     may be partial. Dimensions whose stride continues the run below them are merged into it first.
//   - DmaRowPacking maps a tile-order element to its SRAM row and entry (see dma_command.h) and cuts a
//     request's elements into row segments: one SRAM access each.
#include <array>
#include <cstdint>

#include "arch/dma/dma_command.h"

namespace systolica {

struct DmaChunk {  // one memory request
  std::uint64_t address = 0;
  int bytes = 0;
  std::int64_t first_element = 0;  // tile-order index of its first element
  int elements = 0;
};

class DmaRequestSplitter {
 public:
  DmaRequestSplitter(const DmaCommand& cmd, int request_bytes);
  bool next(DmaChunk& out);  // false when the box is exhausted

 private:
  void advance_run();

  std::uint64_t address_;
  std::array<DmaDim, kDmaDims> dims_;
  int element_bytes_;
  std::uint64_t request_bytes_;
  int merged_ = 0;                              // dims [0, merged_) form one contiguous run
  std::int64_t run_ = 1;                        // elements per run
  std::array<std::int64_t, kDmaDims> index_{};  // of the outer dims [merged_, kDmaDims)
  std::uint64_t run_address_ = 0;
  std::int64_t run_first_element_ = 0;
  std::int64_t in_run_ = 0;  // elements of the current run already covered
  bool done_ = false;
};

struct DmaSegment {  // the part of a request that lands in (or comes from) one SRAM row
  SramRow row = 0;
  int entry = 0;  // first element slot in the row
  int elements = 0;
};

class DmaRowPacking {
 public:
  DmaRowPacking(const DmaCommand& cmd, int row_bytes);
  int elements_per_row() const { return per_row_; }
  SramRow rows() const;  // rows the whole command touches, from first_row
  // The segment holding element e, at most `max_elements` long.
  DmaSegment segment(std::int64_t e, std::int64_t max_elements) const;

 private:
  SramRow first_row_;
  int per_row_;
  std::int64_t line_;           // dims[0].size
  std::int64_t rows_per_line_;  // line mode
  std::int64_t elements_;
  bool dense_;
};

// Calls f(segment, payload_offset) for each row segment of a request, in order; payload_offset is the
// byte offset of the segment's first element in the request's data (memory_element_bytes per element).
template <class F>
void for_each_segment(const DmaRowPacking& packing, const DmaChunk& chunk, int memory_element_bytes, F&& f) {
  std::int64_t e = chunk.first_element, left = chunk.elements;
  int offset = 0;
  while (left > 0) {
    const DmaSegment s = packing.segment(e, left);
    f(s, offset);
    offset += s.elements * memory_element_bytes;
    e += s.elements;
    left -= s.elements;
  }
}

// Throws std::invalid_argument, naming the field, if the command cannot run on an SRAM of this geometry
// with these requests: zero sizes, negative strides, misaligned address or strides, a row too narrow for
// elements_per_row, rows beyond the SRAM, or requests smaller than an element.
void validate_dma_command(const DmaCommand& cmd, const SramGeometry& local, int request_bytes);

}  // namespace systolica
