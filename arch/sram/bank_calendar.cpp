#include "arch/sram/bank_calendar.h"

#include <algorithm>

namespace systolica {

Cycle BankCalendar::reserve(Cycle earliest) {
  Cycle c = std::max(earliest, base_);
  auto i = static_cast<std::size_t>(c - base_);
  while (i < used_.size() && used_[i] >= ports_) ++i;  // skip full cycles
  if (i >= used_.size()) used_.resize(i + 1, 0);
  ++used_[i];
  return base_ + static_cast<Cycle>(i);
}

void BankCalendar::forget_before(Cycle cycle) {
  if (cycle <= base_) return;
  const auto drop = static_cast<std::size_t>(cycle - base_);
  if (drop >= used_.size()) {
    used_.clear();
  } else {
    used_.erase(used_.begin(), used_.begin() + static_cast<std::ptrdiff_t>(drop));
  }
  base_ = cycle;
}

int BankCalendar::used(Cycle cycle) const {
  if (cycle < base_ || cycle - base_ >= static_cast<Cycle>(used_.size())) return 0;
  return used_[static_cast<std::size_t>(cycle - base_)];
}

}  // namespace systolica
