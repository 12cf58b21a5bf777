#pragma once
// Shared plumbing of the reference model's two arrays (ws_reference.cpp, os_reference.cpp). Not part of
// the public interface (pe_array_reference.h).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tests/reference/pe_array_reference.h"

namespace systolica::reference::detail {

// int8 x int8 in 32-bit two's complement; sums are done in uint32 so that wrapping is defined.
inline std::uint32_t product(std::int8_t a, std::int8_t b) {
  return static_cast<std::uint32_t>(static_cast<std::int32_t>(a) * static_cast<std::int32_t>(b));
}
inline std::int32_t as_int32(std::uint32_t v) {
  return static_cast<std::int32_t>(v);
}  // modular (GCC)

// Collects hazards and outputs; knows which outputs are still missing.
class Recorder {
 public:
  Recorder(const std::vector<Tile>& tiles, const Options& options);

  void hazard(Cycle cycle, int row, int col, std::string_view kind, std::string detail);
  void output(int tile, int row, int col, std::uint32_t value, Cycle cycle);

  bool stop() const { return stop_; }  // a hazard was seen and the caller asked to stop
  bool all_out() const { return distinct_ == expected_; }
  std::int64_t missing() const { return expected_ - distinct_; }

  // Finishes the run after the loop ended in cycle `cycles`; adds "did not finish" if outputs are missing.
  Result finish(Cycle cycles, bool hit_bound);

 private:
  std::vector<int> n_;                      // columns of each tile's output
  std::vector<std::vector<bool>> emitted_;  // per tile, row-major m x n
  std::int64_t expected_ = 0;
  std::int64_t distinct_ = 0;
  bool stop_at_first_ = false;
  bool stop_ = false;
  Result result_;
};

// The two arrays. Tiles are already validated to fit (WS: k <= rows, n <= cols; OS: m <= rows,
// n <= cols); outputs are reported in the tiles' own GEMM coordinates.
Result run_weight_stationary(int rows, int cols, const std::vector<Tile>& tiles,
                             const std::vector<TileStart>& starts, const Options& options);
Result run_output_stationary(int rows, int cols, const std::vector<Tile>& tiles,
                             const std::vector<TileStart>& starts, const Options& options);

}  // namespace systolica::reference::detail
