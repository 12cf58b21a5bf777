#include "arch/dma/dma_walk.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace systolica {

DmaRequestSplitter::DmaRequestSplitter(const DmaCommand& cmd, int request_bytes)
    : address_(cmd.address),
      dims_(cmd.dims),
      element_bytes_(cmd.memory_element_bytes()),
      request_bytes_(static_cast<std::uint64_t>(request_bytes)) {
  // The run grows over every dimension that continues it contiguously (size-1 dimensions always do).
  while (merged_ < kDmaDims &&
         (dims_[merged_].size == 1 || dims_[merged_].stride_bytes == run_ * element_bytes_)) {
    run_ *= dims_[merged_].size;
    ++merged_;
  }
  run_address_ = address_;
  done_ = cmd.elements() == 0;
}

bool DmaRequestSplitter::next(DmaChunk& out) {
  if (done_) return false;
  const std::uint64_t a = run_address_ + static_cast<std::uint64_t>(in_run_ * element_bytes_);
  const std::uint64_t left = static_cast<std::uint64_t>((run_ - in_run_) * element_bytes_);
  const std::uint64_t to_boundary = request_bytes_ - a % request_bytes_;
  const auto bytes = static_cast<int>(std::min(left, to_boundary));
  out = DmaChunk{a, bytes, run_first_element_ + in_run_, bytes / element_bytes_};
  in_run_ += out.elements;
  if (in_run_ == run_) advance_run();
  return true;
}

void DmaRequestSplitter::advance_run() {
  run_first_element_ += run_;
  in_run_ = 0;
  for (int d = merged_; d < kDmaDims; ++d) {  // odometer over the outer dimensions
    if (++index_[d] < dims_[d].size) {
      run_address_ = address_;
      for (int k = merged_; k < kDmaDims; ++k) {
        run_address_ += static_cast<std::uint64_t>(index_[k] * dims_[k].stride_bytes);
      }
      return;
    }
    index_[d] = 0;
  }
  done_ = true;
}

DmaRowPacking::DmaRowPacking(const DmaCommand& cmd, int row_bytes)
    : first_row_(cmd.first_row),
      per_row_(cmd.elements_per_row > 0 ? cmd.elements_per_row : row_bytes / cmd.local_element_bytes()),
      line_(cmd.dims[0].size),
      rows_per_line_((cmd.dims[0].size + per_row_ - 1) / per_row_),
      elements_(cmd.elements()),
      dense_(cmd.dense) {}

SramRow DmaRowPacking::rows() const {
  if (dense_) return (elements_ + per_row_ - 1) / per_row_;
  return elements_ / line_ * rows_per_line_;
}

DmaSegment DmaRowPacking::segment(std::int64_t e, std::int64_t max_elements) const {
  std::int64_t row, entry, room;
  if (dense_) {
    row = e / per_row_;
    entry = e % per_row_;
    room = per_row_ - entry;
  } else {
    const std::int64_t line = e / line_, i = e % line_;
    row = line * rows_per_line_ + i / per_row_;
    entry = i % per_row_;
    room = std::min<std::int64_t>(per_row_ - entry, line_ - i);
  }
  return {first_row_ + row, static_cast<int>(entry), static_cast<int>(std::min(room, max_elements))};
}

void validate_dma_command(const DmaCommand& cmd, const SramGeometry& local, int request_bytes) {
  const auto fail = [&](const std::string& what) {
    throw std::invalid_argument("DMA command " + std::to_string(cmd.id) + ": " + what);
  };
  const int eb = cmd.memory_element_bytes(), lb = cmd.local_element_bytes();
  for (int d = 0; d < kDmaDims; ++d) {
    const std::string dim = "dims[" + std::to_string(d) + "]";
    if (cmd.dims[d].size < 1) fail(dim + ".size must be at least 1");
    if (cmd.dims[d].stride_bytes < 0) fail(dim + ".stride_bytes must not be negative");
    if (cmd.dims[d].stride_bytes % eb != 0) fail(dim + ".stride_bytes is not a multiple of the element size");
  }
  if (cmd.address % static_cast<std::uint64_t>(eb) != 0) fail("address is not aligned to the element size");
  if (request_bytes < eb || request_bytes % eb != 0) fail("request_bytes is smaller than an element");
  if (local.row_bytes() < lb) fail("the SRAM row is narrower than one element");
  if (cmd.elements_per_row < 0 || cmd.elements_per_row * lb > local.row_bytes()) {
    fail("elements_per_row (" + std::to_string(cmd.elements_per_row) + ") does not fit a row of " +
         std::to_string(local.row_bytes()) + " B");
  }
  const DmaRowPacking packing(cmd, local.row_bytes());
  if (cmd.first_row < 0 || cmd.first_row + packing.rows() > local.rows()) {
    fail("rows " + std::to_string(cmd.first_row) + ".." + std::to_string(cmd.first_row + packing.rows() - 1) +
         " are outside the SRAM's " + std::to_string(local.rows()) + " rows");
  }
}

}  // namespace systolica
