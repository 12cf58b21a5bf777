#pragma once
// How long one rank had at least one bank open (active standby, in the Micron power equations) as
// opposed to all banks precharged (precharged standby). The device reports each bank opening and closing
// here; the count is a little integer arithmetic on those events only, never a per-cycle tick. Plain C++.
//
// A bank counts as open from its ACT's cycle up to (not including) the cycle it closes: the PRE's or
// PREA's cycle, or, for RDA/WRA, the later cycle at which the device precharges by itself. Those
// auto-precharges are known when the column command issues but happen in the future. All the banks
// waiting for one opened before now, so from now on they keep the rank active until the last of them
// closes: the latest such cycle is all that needs remembering.
//
// Events arrive in the order the device issues commands (non-decreasing cycles). Queries may ask about a
// cycle before the last event: the SystemC controller sometimes issues row commands ahead of simulated
// time (DramController::run_ahead). A short history of the rank's last state changes answers those.
#include <cstdint>
#include <vector>

#include "arch/dram/dram_types.h"

namespace systolica::dram {

class RankActivity {
 public:
  // `banks`: of the rank; it sizes the history.
  explicit RankActivity(int banks);

  // Inline: the device calls these on every row command.
  void open(DramCycle t) {  // ACT at t
    fold(t);
    if (!active_at(t)) changed(t);
    ++open_;
  }
  void close(DramCycle t, int banks = 1) {  // PRE (one bank) or PREA (every open one) at t
    fold(t);
    if (banks <= 0) return;
    open_ -= banks;
    if (!active_at(t)) changed(t);
  }
  void close_later(DramCycle t, DramCycle closes) {  // RDA/WRA at t; the bank precharges at `closes` >= t
    fold(t);
    --open_;
    if (closes > closes_at_) closes_at_ = closes;
    if (!active_at(t)) changed(t);  // only if it closes at once after all
  }

  // Clocks in [0, now) during which at least one bank of the rank was open.
  std::uint64_t active_cycles(DramCycle now) const;

 private:
  // Whether a bank is open at x >= accounted_to_, given no event in between.
  bool active_at(DramCycle x) const { return open_ > 0 || x < closes_at_; }
  // Accounts [accounted_to_, t), in which no event happens but possibly the last auto-precharge.
  void fold(DramCycle t) {
    if (t <= accounted_to_) return;
    if (open_ > 0) {
      active_ += static_cast<std::uint64_t>(t - accounted_to_);
    } else if (closes_at_ > accounted_to_) {  // active until the last auto-precharge
      const DramCycle until = closes_at_ < t ? closes_at_ : t;
      active_ += static_cast<std::uint64_t>(until - accounted_to_);
      if (closes_at_ <= t) changed(closes_at_);
    }
    accounted_to_ = t;
  }
  void changed(DramCycle t) {  // the rank went from no bank open to some, or back, at t
    history_[changes_ & mask_] = t;
    ++changes_;
  }

  int open_ = 0;                // banks open and not closing by themselves
  DramCycle closes_at_ = 0;     // the last pending auto-precharge (in the past if none is pending)
  DramCycle accounted_to_ = 0;  // active_ covers [0, accounted_to_)
  std::uint64_t active_ = 0;
  std::vector<DramCycle> history_;  // ring (a power of two long): cycles of the last state changes
  std::uint64_t mask_ = 0;          // history_.size() - 1
  std::uint64_t changes_ = 0;       // state changes ever (they alternate: opened, closed, ...)
};

}  // namespace systolica::dram
