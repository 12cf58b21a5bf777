#include "arch/sram/sram_geometry.h"

#include <stdexcept>
#include <string>

namespace systolica {

SramGeometry::SramGeometry(const SramSpec& spec)
    : banks_(spec.banks), row_bytes_(spec.row_bytes), rows_per_bank_(0) {
  if (spec.banks < 1 || spec.row_bytes < 1 || spec.ports_per_bank < 1 || spec.latency_cycles < 0) {
    throw std::invalid_argument("SRAM: banks, row_bytes and ports_per_bank must be positive");
  }
  rows_per_bank_ = static_cast<SramRow>(spec.capacity_bytes / static_cast<std::uint64_t>(spec.banks) /
                                        static_cast<std::uint64_t>(spec.row_bytes));
  if (rows_per_bank_ < 1) {
    throw std::invalid_argument("SRAM: a bank of " + std::to_string(spec.capacity_bytes / spec.banks) +
                                " B cannot hold one row of " + std::to_string(spec.row_bytes) + " B");
  }
}

std::vector<SramRegion> split_buffers(const SramGeometry& g, int n) {
  if (n < 1 || g.rows() < n) {
    throw std::invalid_argument("split_buffers: cannot split " + std::to_string(g.rows()) + " rows into " +
                                std::to_string(n) + " buffers");
  }
  std::vector<SramRegion> out;
  // Whole banks per buffer when possible; rows() is a multiple of banks(), so the equal split below
  // lands on bank boundaries exactly in that case.
  const SramRow rows = g.rows() / n;
  for (int i = 0; i < n; ++i) out.push_back({rows * i, rows});
  return out;
}

}  // namespace systolica
