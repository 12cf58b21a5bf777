#pragma once
// Catches deadlock and livelock in a memory-system test. Every `period` cycles it checks that some request
// was answered since the last look; if none was while requests are outstanding, it stops the simulation and
// writes a report naming the stuck module. Holders have levels, from the requesters (0) down to memory;
// the stuck module is the one at the lowest level that still holds work, because everything above waits
// on it (several at one level, such as banks, are named together). After sc_start returns, finish() also
// catches the quiet deadlock in which no event is left at all.
#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <string>
#include <systemc>
#include <vector>

#include "arch/clock_domain.h"

namespace systolica::test {

struct Holder {
  int level;  // 0 for requesters, growing toward memory
  std::string name;
  std::function<std::size_t()> held;         // requests it holds now
  std::function<std::string()> detail = {};  // optional: what it is waiting for
};

class Watchdog : public sc_core::sc_module {
 public:
  Watchdog(const sc_core::sc_module_name& name, const ClockDomain& clock, Cycle period,
           std::function<std::uint64_t()> answered, std::function<std::size_t()> outstanding,
           std::vector<Holder> holders)
      : sc_core::sc_module(name),
        clock_(clock),
        period_(period),
        answered_(std::move(answered)),
        outstanding_(std::move(outstanding)),
        holders_(std::move(holders)) {
    SC_HAS_PROCESS(Watchdog);
    SC_THREAD(watch);
  }

  bool tripped() const { return !report_.empty(); }
  const std::string& report() const { return report_; }
  const std::string& stuck() const { return stuck_; }

  // Call after sc_start: a run that ended with requests outstanding has deadlocked quietly.
  void finish() {
    if (!tripped() && outstanding_() > 0) {
      trip("the simulation ran out of events");
    }
  }

 private:
  void watch() {
    std::uint64_t last = answered_();
    for (;;) {
      wait(clock_.period() * static_cast<double>(period_));
      if (outstanding_() == 0) {
        return;  // nothing left to watch: let the run end
      }
      const std::uint64_t now = answered_();
      if (now == last) {
        trip(fmt::format("no request answered in {} cycles", period_));
        sc_core::sc_stop();
        return;
      }
      last = now;
    }
  }

  void trip(const std::string& why) {
    std::string held;
    int lowest = -1;
    for (const Holder& h : holders_) {
      const std::size_t n = h.held();
      if (n == 0) {
        continue;
      }
      if (h.level > lowest) {
        stuck_.clear();
      }
      if (h.level >= lowest) {
        stuck_ += (stuck_.empty() ? "" : ", ") + h.name;
      }
      lowest = std::max(lowest, h.level);
      held += fmt::format("  {} holds {}{}\n", h.name, n, h.detail ? ": " + h.detail() : "");
    }
    if (stuck_.empty()) {
      stuck_ = "(no module admits holding the outstanding requests)";
    }
    report_ = fmt::format("watchdog at {}: {} with {} requests outstanding; stuck module: {}\n{}",
                          sc_core::sc_time_stamp().to_string(), why, outstanding_(), stuck_, held);
  }

  ClockDomain clock_;
  Cycle period_;
  std::function<std::uint64_t()> answered_;
  std::function<std::size_t()> outstanding_;
  std::vector<Holder> holders_;
  std::string report_, stuck_;
};

}  // namespace systolica::test
