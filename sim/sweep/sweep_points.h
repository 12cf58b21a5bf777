#pragma once
// A spec's points: the grid's cartesian product (first key slowest), then the explicit points. A point's
// index in this expansion names it everywhere (its files, the CSV's `point` column), so it must not
// depend on which shard or which run computes it.
#include <string>
#include <vector>

#include "sim/sweep/sweep_spec.h"

namespace systolica::sweep {

struct SweepPoint {
  int index = 0;
  std::vector<KeyValue> values;  // the point's own keys, in swept_keys order (a point may lack some)
};

std::vector<SweepPoint> expand_points(const SweepSpec& spec);

// The CSV's key columns: the grid's keys in spec order, then keys only explicit points name, in the order
// they first appear.
std::vector<std::string> swept_keys(const SweepSpec& spec);

// "0007": the point's index, zero-padded so that file listings sort in point order.
std::string point_name(int index);

}  // namespace systolica::sweep
