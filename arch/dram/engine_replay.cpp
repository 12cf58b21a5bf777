#include "arch/dram/engine_replay.h"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

namespace systolica::dram {

ReplayResult replay_trace(DramEngine& engine, const std::vector<TraceRequest>& trace, DramCycle watchdog) {
  ReplayResult result;
  result.accepted.assign(trace.size(), -1);
  result.done.assign(trace.size(), -1);
  const int tck = engine.config().timing.tCK_ps;
  std::vector<DramCompletion> done;
  std::vector<bool> completed(trace.size(), false);
  std::size_t next = 0;
  DramCycle offer_from = 0;  // one request per clock: the next may be offered from here
  DramCycle now = 0;
  DramCycle last_progress = 0;
  auto collect = [&] {
    for (const DramCompletion& c : done) {
      if (c.tag >= trace.size() || completed[c.tag]) {
        throw std::logic_error(fmt::format("DRAM engine completed request {} twice or unknown", c.tag));
      }
      completed[c.tag] = true;
      result.done[c.tag] = c.done;
      ++result.completions;
      last_progress = now;
    }
    done.clear();
  };
  while (next < trace.size() || !engine.idle()) {
    if (engine.next_event() <= now) engine.advance(now, done);
    collect();
    if (next < trace.size()) {
      const TraceRequest& r = trace[next];
      const DramCycle offer = std::max(offer_from, earliest_offer(r, tck));
      const int channel = engine.channel_of(r.address);
      if (offer <= now && engine.can_accept(channel, r.is_write, 1)) {
        engine.accept({r.address, r.is_write, next}, now);
        result.accepted[next] = now;
        offer_from = now + 1;
        last_progress = now;
        ++next;
        if (engine.next_event() <= now) engine.advance(now, done);  // front-end latency 0
        collect();
      }
    }
    // Sleep until the engine or the trace can do something.
    DramCycle wake = engine.next_event();
    if (next < trace.size()) {
      const TraceRequest& r = trace[next];
      const DramCycle offer = std::max(offer_from, earliest_offer(r, tck));
      if (engine.can_accept(engine.channel_of(r.address), r.is_write, 1)) wake = std::min(wake, offer);
    }
    if (wake == kNever) {
      if (next < trace.size() || !engine.idle()) {
        throw std::runtime_error(fmt::format("DRAM replay: at cycle {} with {} of {} requests accepted and {} completed, "
                                             "nothing is scheduled; the DRAM controller is stuck",
                                             now, next, trace.size(), result.completions));
      }
      break;
    }
    now = std::max(wake, now + 1);
    if (!engine.idle() && now - last_progress > watchdog) {
      throw std::runtime_error(fmt::format("DRAM replay watchdog: no progress for {} cycles at cycle {} with {} of {} "
                                           "requests accepted and {} completed; the DRAM controller is stuck",
                                           watchdog, now, next, trace.size(), result.completions));
    }
  }
  result.stats = engine.stats();
  result.end_cycle = result.stats.last_data_cycle;
  return result;
}

}  // namespace systolica::dram
