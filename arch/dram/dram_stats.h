#pragma once
// What the DRAM model counts. Plain integers; rates and bandwidths are computed by whoever reports them
// (sim/dram for `systolica dram`, the energy model and reports for full runs). Plain C++.
#include <cstdint>
#include <vector>

#include "arch/dram/dram_types.h"

namespace systolica::dram {

// Exact latency distribution in whole DRAM clocks: one counter per value, so percentiles are exact.
class LatencyHistogram {
 public:
  void add(DramCycle latency);
  void merge(const LatencyHistogram& other);
  std::uint64_t count() const { return count_; }
  double mean() const { return count_ == 0 ? 0.0 : static_cast<double>(sum_) / static_cast<double>(count_); }
  DramCycle max() const { return max_; }
  // The smallest latency L such that at least `fraction` of the samples are <= L (0 if empty).
  DramCycle percentile(double fraction) const;
  const std::vector<std::uint64_t>& buckets() const { return buckets_; }  // buckets_[L] = samples of L

 private:
  std::vector<std::uint64_t> buckets_;
  std::uint64_t count_ = 0;
  std::uint64_t sum_ = 0;
  DramCycle max_ = 0;
};

// Commands as the energy model prices them. pre counts every bank precharged: explicit PREs, the
// implicit precharge of RDA/WRA, and each bank a PREA closed. rd and wr include RDA and WRA.
struct CommandCounts {
  std::uint64_t act = 0, pre = 0, rd = 0, wr = 0, ref = 0;
  std::uint64_t prea = 0;                 // PREA commands (their banks are also in pre)
  std::uint64_t rda = 0, wra = 0;         // column commands with auto-precharge (also in rd, wr)
};

// Background (standby) time for the power model, in DRAM clocks summed over channels and ranks, up to
// the cycle it was asked for. Not in DramStats: it depends on when it is read, not only on what happened.
// Precharged standby is rank_cycles - active_rank_cycles.
struct BackgroundTime {
  std::uint64_t active_rank_cycles = 0;  // clocks with at least one bank of the rank open
  std::uint64_t rank_cycles = 0;         // clocks elapsed, times ranks and channels

  BackgroundTime& operator+=(const BackgroundTime& o) {
    active_rank_cycles += o.active_rank_cycles;
    rank_cycles += o.rank_cycles;
    return *this;
  }
};

struct BankCounts {
  std::uint64_t act = 0, rd = 0, wr = 0;
};

struct DramStats {
  std::uint64_t reads = 0, writes = 0;            // requests (bursts) completed
  std::uint64_t read_bytes = 0, write_bytes = 0;  // bytes moved over the data bus
  // Classified at a request's first command: a column command means the row was already open (hit),
  // an ACT means the bank was precharged (miss), a PRE means another row had to be closed (conflict).
  std::uint64_t row_hits = 0, row_misses = 0, row_conflicts = 0;
  CommandCounts commands;
  LatencyHistogram read_latency;   // acceptance to the read's last data beat
  LatencyHistogram write_latency;  // acceptance to the write's last data beat (responses are posted)
  DramCycle last_data_cycle = 0;   // cycle after the last data beat of any access
  std::vector<BankCounts> banks;   // channel-major, then rank, bank group, bank

  void merge(const DramStats& other);
  double row_hit_rate() const {
    const std::uint64_t n = row_hits + row_misses + row_conflicts;
    return n == 0 ? 0.0 : static_cast<double>(row_hits) / static_cast<double>(n);
  }
};

}  // namespace systolica::dram
