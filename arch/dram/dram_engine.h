#pragma once
// The DRAM model as an interface: something that accepts burst-sized accesses, works in DRAM clocks and
// reports when each one is done. Implementations ("cycle": per-bank controllers; "fixed": a constant
// latency, for debugging) are picked by name through engine_registry.h. The SystemC module
// (dram_controller.h) wraps any of them behind a TLM target socket; tests and tools can drive one
// directly, without SystemC.
//
// Driving contract: call advance(t) at every cycle t that next_event() names (and at any other cycle:
// extra calls are harmless). accept() may be called between advances; afterwards next_event() may move
// earlier, but never before the cycle of the accept.
#include <algorithm>
#include <cstdint>
#include <memory>
#include <vector>

#include "arch/dram/dram_config.h"
#include "arch/dram/dram_stats.h"
#include "arch/dram/dram_types.h"

namespace systolica::dram {

struct DramAccess {
  std::uint64_t address = 0;  // byte address; the access covers the burst that contains it
  bool is_write = false;
  std::uint64_t tag = 0;      // the caller's; handed back in the completion
};

struct DramCompletion {
  std::uint64_t tag = 0;
  bool is_write = false;
  DramCycle done = 0;  // cycle after the last data beat
};

class DramEngine {
 public:
  virtual ~DramEngine() = default;

  virtual const DramConfig& config() const = 0;
  virtual std::uint64_t capacity_bytes() const = 0;
  virtual int channel_of(std::uint64_t address) const = 0;

  // Whether `count` more accesses of this kind fit in the channel's bounded queue right now.
  virtual bool can_accept(int channel, bool is_write, int count = 1) const = 0;
  // Takes an access at cycle `now`. Precondition: can_accept, and address < capacity_bytes().
  virtual void accept(const DramAccess& access, DramCycle now) = 0;

  // Does everything due at cycle `now` (at most one command per channel) and appends the accesses whose
  // data completed at or before `now`.
  virtual void advance(DramCycle now, std::vector<DramCompletion>& done) = 0;
  // The next cycle at which advance() has something to do; kNever if nothing is pending at all.
  virtual DramCycle next_event() const = 0;
  // True when no access is queued or in flight (periodic refresh does not count).
  virtual bool idle() const = 0;
  // True if all that advance(next_event()) would do is issue row or refresh commands: complete no
  // access and free no queue slot. A driver whose initiators are all blocked may then advance at once.
  virtual bool next_event_is_internal() const { return false; }

  virtual DramStats stats() const = 0;  // all channels merged

  // Standby time in [0, now), all channels and ranks. This default is for models without banks (no row
  // is ever open): every rank-clock is precharged standby.
  virtual BackgroundTime background_time(DramCycle now) const {
    BackgroundTime b;
    b.rank_cycles = static_cast<std::uint64_t>(std::max<DramCycle>(now, 0)) *
                    static_cast<std::uint64_t>(config().org.ranks * config().org.channels);
    return b;
  }
};

}  // namespace systolica::dram
