#include "arch/cache/l2_geometry.h"

#include "arch/cache/cache_check.h"

namespace systolica {

L2Geometry L2Geometry::from(const L2Spec& spec) {
  L2_CHECK(spec.capacity_bytes > 0, "an L2 of capacity 0 has no geometry; use make_l2(), which builds none");
  L2_CHECK(spec.line_bytes > 0 && spec.ways > 0 && spec.banks > 0, "l2 line {} B, {} ways, {} banks",
           spec.line_bytes, spec.ways, spec.banks);
  const std::uint64_t set_bytes = static_cast<std::uint64_t>(spec.line_bytes) * spec.ways * spec.banks;
  L2_CHECK(spec.capacity_bytes % set_bytes == 0, "l2 capacity {} B is not a multiple of {} B per set",
           spec.capacity_bytes, set_bytes);
  L2Geometry g;
  g.line_bytes = static_cast<std::uint64_t>(spec.line_bytes);
  g.banks = static_cast<std::uint64_t>(spec.banks);
  g.sets = spec.capacity_bytes / set_bytes;
  g.ways = spec.ways;
  return g;
}

}  // namespace systolica
