#pragma once
// Model "fixed": every access completes dram.fixed_latency after it is accepted, with no banks, rows or
// bandwidth limit beyond the bounded queues. For debugging the rest of the memory system, and as the
// smallest example of a DramEngine.
#include <deque>
#include <vector>

#include "arch/dram/address_mapping.h"
#include "arch/dram/dram_engine.h"

namespace systolica::dram {

class FixedEngine final : public DramEngine {
 public:
  explicit FixedEngine(const DramConfig& cfg);

  const DramConfig& config() const override { return cfg_; }
  std::uint64_t capacity_bytes() const override { return mapper_.capacity_bytes(); }
  int channel_of(std::uint64_t address) const override { return mapper_.decode(address).channel; }
  bool can_accept(int channel, bool is_write, int count) const override;
  void accept(const DramAccess& access, DramCycle now) override;
  void advance(DramCycle now, std::vector<DramCompletion>& done) override;
  DramCycle next_event() const override { return pending_.empty() ? kNever : pending_.front().completion.done; }
  bool idle() const override { return pending_.empty(); }
  DramStats stats() const override { return stats_; }
  // background_time: DramEngine's default. This model has no banks, so no row is ever open: every
  // rank-clock elapsed counts as precharged standby (active_rank_cycles stays 0).

 private:
  struct Pending {
    DramCompletion completion;
    int channel;
  };
  DramConfig cfg_;
  AddressMapper mapper_;
  std::deque<Pending> pending_;  // in completion order: the latency is constant
  std::vector<int> reads_, writes_;  // in flight per channel
  DramStats stats_;
};

}  // namespace systolica::dram
