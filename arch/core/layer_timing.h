#pragma once
// When a layer ran on a core and where its cycles went: what a core controller hands the reports.
#include <cstdint>

#include "arch/systolic/tile_timing.h"

namespace systolica {

struct LayerTiming {
  Cycle waited = 0;  // cycles the core waited for other cores before it could begin (LayerSync)
  Cycle start = 0;   // the cycle the layer began (its first tile or load issued)
  Cycle end = 0;    // one past its last event (last output, or last store acknowledged)
  CycleBreakdown breakdown;
  std::int64_t tiles = 0;
  std::int64_t macs = 0;
  ArrayActivity activity;               // the array's streaming, preloads and drains
  std::int64_t scratchpad_buffers = 0;  // 2 when double-buffered; 0 when no scratchpad was simulated
  Cycle vector_busy = 0;                // cycles the vector unit worked
  Cycle array_end = 0;                  // one past the array's last output (start when the array was unused)
  std::int64_t blocks = 0;              // mapper blocks
  std::int64_t commands = 0;            // commands in the layer's stream
};

}  // namespace systolica
