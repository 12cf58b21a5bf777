#pragma once
// What a core's controller sends the systolic array, and what comes back.
#include <cstdint>
#include <memory>
#include <vector>

#include "arch/systolic/tile_timing.h"

namespace systolica {

// Operands of one tile in functional mode; timing-only runs carry none.
struct TileData {
  std::vector<std::int8_t> a;     // m x k, row-major: activations
  std::vector<std::int8_t> b;     // k x n, row-major: weights
  std::vector<std::int32_t> out;  // m x n, row-major: filled by the array
};

struct TileCommand {
  std::uint64_t id = 0;
  TileExtent extent;
  std::shared_ptr<TileData> data;  // null in timing-only mode
};

struct TileCompletion {
  std::uint64_t id = 0;
  TileSchedule schedule;
  std::shared_ptr<TileData> data;  // the command's data, with `out` computed
};

}  // namespace systolica

#include <ostream>

namespace systolica {
// sc_fifo prints its contents when asked, so its element types need these.
std::ostream& operator<<(std::ostream& os, const TileCommand& c);
std::ostream& operator<<(std::ostream& os, const TileCompletion& c);
}  // namespace systolica
