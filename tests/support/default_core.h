#pragma once
// The default core as the mapper sees it, for tests that map layers without a config: a 256 KiB
// scratchpad of 16-byte rows and a 64 KiB accumulator of 16-entry int32 rows (configs/default.yaml).
#include "workloads/mapping.h"

namespace systolica::test {

inline CoreGeometry default_core() {
  CoreGeometry g;
  g.scratchpad_rows = 256 * 1024 / 16;
  g.accumulator_rows = 64 * 1024 / 64;
  return g;
}

}  // namespace systolica::test
