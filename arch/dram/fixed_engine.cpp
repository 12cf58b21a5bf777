#include "arch/dram/fixed_engine.h"

#include <algorithm>

namespace systolica::dram {

FixedEngine::FixedEngine(const DramConfig& cfg)
    : cfg_(cfg),
      mapper_(cfg.org, cfg.address_mapping),
      reads_(static_cast<std::size_t>(cfg.org.channels), 0),
      writes_(static_cast<std::size_t>(cfg.org.channels), 0) {}

bool FixedEngine::can_accept(int channel, bool is_write, int count) const {
  return is_write ? writes_[channel] + count <= cfg_.write_queue : reads_[channel] + count <= cfg_.read_queue;
}

void FixedEngine::accept(const DramAccess& access, DramCycle now) {
  const int channel = channel_of(access.address);
  const DramCycle done = now + cfg_.fixed_latency;
  const auto bytes = static_cast<std::uint64_t>(cfg_.org.burst_bytes());
  ++(access.is_write ? writes_ : reads_)[channel];
  if (access.is_write) {
    ++stats_.writes;
    ++stats_.commands.wr;
    stats_.write_bytes += bytes;
    stats_.write_latency.add(cfg_.fixed_latency);
  } else {
    ++stats_.reads;
    ++stats_.commands.rd;
    stats_.read_bytes += bytes;
    stats_.read_latency.add(cfg_.fixed_latency);
  }
  stats_.last_data_cycle = std::max(stats_.last_data_cycle, done);
  pending_.push_back({{access.tag, access.is_write, done}, channel});
}

void FixedEngine::advance(DramCycle now, std::vector<DramCompletion>& done) {
  while (!pending_.empty() && pending_.front().completion.done <= now) {
    const Pending& p = pending_.front();
    --(p.completion.is_write ? writes_ : reads_)[p.channel];
    done.push_back(p.completion);
    pending_.pop_front();
  }
}

}  // namespace systolica::dram
