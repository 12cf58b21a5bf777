#include "arch/dram/dram_stats.h"

#include <algorithm>
#include <cmath>

namespace systolica::dram {

void LatencyHistogram::add(DramCycle latency) {
  const auto l = static_cast<std::size_t>(std::max<DramCycle>(latency, 0));
  if (l >= buckets_.size()) buckets_.resize(std::max(l + 1, buckets_.size() * 2), 0);
  ++buckets_[l];
  ++count_;
  sum_ += l;
  max_ = std::max<DramCycle>(max_, static_cast<DramCycle>(l));
}

void LatencyHistogram::merge(const LatencyHistogram& other) {
  if (other.buckets_.size() > buckets_.size()) buckets_.resize(other.buckets_.size(), 0);
  for (std::size_t i = 0; i < other.buckets_.size(); ++i) buckets_[i] += other.buckets_[i];
  count_ += other.count_;
  sum_ += other.sum_;
  max_ = std::max(max_, other.max_);
}

DramCycle LatencyHistogram::percentile(double fraction) const {
  if (count_ == 0) return 0;
  const auto need = static_cast<std::uint64_t>(std::ceil(fraction * static_cast<double>(count_)));
  std::uint64_t seen = 0;
  for (std::size_t i = 0; i < buckets_.size(); ++i) {
    seen += buckets_[i];
    if (seen >= std::max<std::uint64_t>(need, 1)) return static_cast<DramCycle>(i);
  }
  return max_;
}

void DramStats::merge(const DramStats& o) {
  reads += o.reads;
  writes += o.writes;
  read_bytes += o.read_bytes;
  write_bytes += o.write_bytes;
  row_hits += o.row_hits;
  row_misses += o.row_misses;
  row_conflicts += o.row_conflicts;
  commands.act += o.commands.act;
  commands.pre += o.commands.pre;
  commands.rd += o.commands.rd;
  commands.wr += o.commands.wr;
  commands.ref += o.commands.ref;
  commands.prea += o.commands.prea;
  commands.rda += o.commands.rda;
  commands.wra += o.commands.wra;
  read_latency.merge(o.read_latency);
  write_latency.merge(o.write_latency);
  last_data_cycle = std::max(last_data_cycle, o.last_data_cycle);
  banks.insert(banks.end(), o.banks.begin(), o.banks.end());
}

}  // namespace systolica::dram
