#pragma once
// A point's config: the spec's base config, its `set:` overrides, then the point's own values, all as
// `--set KEY=VALUE` so that the sweep and the `systolica run` child resolve exactly the same config. The
// sweep resolves it in-process first (plain C++, no SystemC): an invalid point is reported without being
// run, and the resolved config gives the point's SRAM bytes.
#include <cstdint>
#include <string>
#include <vector>

#include "arch/arch_spec.h"
#include "sim/sweep/sweep_points.h"

namespace systolica::sweep {

// "key=value" strings, in the order they apply: the spec's `set:`, then the point's values.
std::vector<std::string> point_overrides(const SweepSpec& spec, const SweepPoint& point);

// The area proxy: cores x (scratchpad + accumulator capacity) + L2 capacity, in bytes.
std::uint64_t sram_bytes(const ArchSpec& arch);

struct PointConfigCheck {
  bool ok = false;
  std::uint64_t sram_bytes = 0;  // when ok
  std::string error;             // the config loader's one-line message, when not
};

PointConfigCheck check_point_config(const SweepSpec& spec, const SweepPoint& point);

}  // namespace systolica::sweep
