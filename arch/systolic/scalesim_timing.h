#pragma once
// SCALE-Sim compatibility: what SCALE-Sim v2 (scalesim-project/scale-sim-v2, commit 22f88b1) reports for
// one convolution layer on an R_a x C_a array, in closed form. This is *not* Systolica's own timing
// (arch/systolic/tile_timing.h); it reproduces SCALE-Sim's conventions so that results can be compared
// with published SCALE-Sim numbers. docs/scalesim.md derives every formula and lists how they differ from
// docs/systolic_array.md. Plain C++: no SystemC here.
#include <cstdint>

#include "arch/systolic/dataflow.h"
#include "workloads/layer.h"

namespace systolica {

struct ScaleSimResult {
  std::int64_t compute_cycles = 0;     // SCALE-Sim's "total cycles" with no memory stalls
  double utilization = 0;              // fraction (not percent): macs / (R_a x C_a x compute_cycles)
  double mapping_efficiency = 0;       // fraction: mean over folds of (rows used x cols used) / (R_a x C_a)
  std::int64_t ifmap_sram_reads = 0;   // words (int8 elements) read from the ifmap SRAM
  std::int64_t filter_sram_reads = 0;  // words read from the filter SRAM
  std::int64_t ofmap_sram_writes = 0;  // words written to the ofmap SRAM (OS adds R_a + C_a per fold)
  std::int64_t macs = 0;               // ofmap pixels x filter window x filters
  std::int64_t folds = 0;              // row folds x column folds
};

// Evaluates `layer` under SCALE-Sim's conventions on an `array_rows` x `array_cols` array. O(1).
// The layer must be unpadded (pad_h = pad_w = 0: SCALE-Sim has no padding), with batch 1 and groups 1;
// anything else, and a non-positive array, throws std::invalid_argument saying why. A layer that fails
// Layer::validate() throws its LayerShapeError. Throws std::overflow_error if a count does not fit in 64
// bits (only for absurd array sizes; Layer::validate() bounds the layer itself).
ScaleSimResult evaluate_scalesim(const Layer& layer, int array_rows, int array_cols, Dataflow df);

}  // namespace systolica
