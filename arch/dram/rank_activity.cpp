#include "arch/dram/rank_activity.h"

#include <algorithm>

namespace systolica::dram {

// Commands issued ahead of simulated time are row and refresh commands only (the controller runs ahead
// until the next column command): each bank closes and opens at most once among them (after its ACT it
// needs a column command) and a PREA closes the rank at once. Four state changes per bank, plus a margin,
// cover everything a query can look past.
RankActivity::RankActivity(int banks) {
  std::size_t size = 1;
  while (size < static_cast<std::size_t>(4 * banks + 8)) size *= 2;
  history_.assign(size, 0);
  mask_ = size - 1;
}

std::uint64_t RankActivity::active_cycles(DramCycle now) const {
  if (now >= accounted_to_) {  // the usual case: add what happened since the last command
    if (open_ > 0) return active_ + static_cast<std::uint64_t>(now - accounted_to_);
    const DramCycle until = std::min(now, closes_at_);
    return active_ + static_cast<std::uint64_t>(std::max<DramCycle>(until - accounted_to_, 0));
  }
  // Commands were issued ahead of `now`: take back the open clocks of [now, accounted_to_), walking the
  // state changes from the newest. Before the first change ever, no bank was open.
  std::uint64_t ahead = 0;
  bool on = active_at(accounted_to_);
  DramCycle end = accounted_to_;
  const std::uint64_t kept = std::min<std::uint64_t>(changes_, history_.size());
  for (std::uint64_t i = 0; i < kept; ++i) {
    const DramCycle c = history_[(changes_ - 1 - i) & mask_];
    if (c <= now) break;
    if (on) ahead += static_cast<std::uint64_t>(end - c);
    on = !on;
    end = c;
  }
  if (on) ahead += static_cast<std::uint64_t>(end - now);
  return active_ - ahead;
}

}  // namespace systolica::dram
