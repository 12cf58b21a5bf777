#include "arch/dram/cycle_engine.h"

#include <algorithm>

namespace systolica::dram {

CycleEngine::CycleEngine(const DramConfig& cfg) : cfg_(cfg), mapper_(cfg.org, cfg.address_mapping) {
  for (int c = 0; c < cfg.org.channels; ++c) channels_.push_back(std::make_unique<DramChannel>(cfg, c));
}

void CycleEngine::accept(const DramAccess& access, DramCycle now) {
  const DramAddress a = mapper_.decode(access.address);
  channels_[a.channel]->accept(a, access.is_write, access.tag, now);
}

void CycleEngine::advance(DramCycle now, std::vector<DramCompletion>& done) {
  for (auto& ch : channels_) {
    if (ch->next_event() <= now) ch->advance(now, done);
  }
}

DramCycle CycleEngine::next_event() const {
  DramCycle t = kNever;
  for (const auto& ch : channels_) t = std::min(t, ch->next_event());
  return t;
}

bool CycleEngine::next_event_is_internal() const {
  const DramCycle t = next_event();
  if (t == kNever) return false;
  return std::all_of(channels_.begin(), channels_.end(),
                     [t](const auto& ch) { return ch->next_event() != t || ch->next_event_is_internal(); });
}

bool CycleEngine::idle() const {
  return std::all_of(channels_.begin(), channels_.end(), [](const auto& ch) { return ch->idle(); });
}

DramStats CycleEngine::stats() const {
  DramStats s;
  for (const auto& ch : channels_) s.merge(ch->stats());
  return s;
}

BackgroundTime CycleEngine::background_time(DramCycle now) const {
  BackgroundTime b;
  for (const auto& ch : channels_) b += ch->background_time(now);
  return b;
}

}  // namespace systolica::dram
