#pragma once
// `--shard I/N`: the I-th of N interleaved slices of a sweep (1-based, "1/4" .. "4/4"). Interleaving
// (index % N) rather than cutting into blocks spreads a grid's slow corner over every shard.
#include <string>

namespace systolica::sweep {

struct Shard {
  int index = 1;  // 1-based
  int count = 1;

  bool contains(int point_index) const { return point_index % count == index - 1; }
};

// Throws UsageError unless `text` is "I/N" with 1 <= I <= N.
Shard parse_shard(const std::string& text);

}  // namespace systolica::sweep
