#pragma once
// Model "cycle": one DramChannel (per-bank FR-FCFS controller) per channel, behind the address mapping.
#include <memory>
#include <vector>

#include "arch/dram/address_mapping.h"
#include "arch/dram/dram_channel.h"
#include "arch/dram/dram_engine.h"

namespace systolica::dram {

class CycleEngine final : public DramEngine {
 public:
  explicit CycleEngine(const DramConfig& cfg);

  const DramConfig& config() const override { return cfg_; }
  std::uint64_t capacity_bytes() const override { return mapper_.capacity_bytes(); }
  int channel_of(std::uint64_t address) const override {
    return cfg_.org.channels == 1 ? 0 : mapper_.decode(address).channel;
  }
  bool can_accept(int channel, bool is_write, int count) const override {
    return channels_[channel]->can_accept(is_write, count);
  }
  void accept(const DramAccess& access, DramCycle now) override;
  void advance(DramCycle now, std::vector<DramCompletion>& done) override;
  DramCycle next_event() const override;
  bool idle() const override;
  bool next_event_is_internal() const override;
  DramStats stats() const override;
  BackgroundTime background_time(DramCycle now) const override;

  DramChannel& channel(int i) { return *channels_[i]; }  // for tests: command logs, device state
  const AddressMapper& mapper() const { return mapper_; }

 private:
  DramConfig cfg_;
  AddressMapper mapper_;
  std::vector<std::unique_ptr<DramChannel>> channels_;
};

}  // namespace systolica::dram
