#pragma once
// The DRAM devices of one channel as a controller sees them: which row each bank has open, and, for every
// command, the earliest cycle it is legal. Timing follows DRAMSys's checker idea: issuing a command
// pushes "not before" registers forward (per bank, bank group, rank and channel, from the rule table in
// timing_rules.h), so asking for a command's earliest cycle is a handful of max() operations. Plain C++.
#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

#include "arch/dram/dram_config.h"
#include "arch/dram/dram_types.h"
#include "arch/dram/rank_activity.h"
#include "arch/dram/timing_rules.h"

namespace systolica::dram {

class DramDevice {
 public:
  explicit DramDevice(const DramConfig& cfg);

  // The earliest cycle at which `c` may be issued to `a`, given every command issued so far; kNever if
  // the bank state forbids it (ACT to an open bank, RD to a closed bank or another row, PRE to a closed
  // bank, REF with a bank open, PREA with none open). Only a.rank matters for PREA and REF.
  DramCycle earliest(Command c, const DramAddress& a) const;
  DramCycle earliest(Command c, int flat_bank, std::int64_t row) const;  // the same, by bank_index()
  bool legal(Command c, const DramAddress& a, DramCycle t) const { return earliest(c, a) <= t; }

  // Records `c` at cycle t. Throws std::logic_error if it is not legal then (a scheduler bug).
  void issue(Command c, const DramAddress& a, DramCycle t);

  // The open row of a's bank, or -1 if the bank is precharged.
  std::int64_t open_row(const DramAddress& a) const { return banks_[bank_index(a)].row; }
  std::int64_t open_row(int flat_bank) const { return banks_[flat_bank].row; }
  int open_banks(int rank) const { return open_in_rank_[rank]; }
  // Clocks in [0, now) during which the rank had at least one bank open (active standby). A bank closed
  // by RDA/WRA counts as open until its auto-precharge, although open_row() already shows it closed.
  std::uint64_t active_cycles(int rank, DramCycle now) const { return activity_[rank].active_cycles(now); }

  // The cycle after the last data beat of a column command issued at t (when a read's data has arrived).
  DramCycle data_end(Command c, DramCycle t) const {
    return t + (is_read(c) ? cfg_.timing.CL : cfg_.timing.CWL) + cfg_.burst_cycles();
  }

  int bank_index(const DramAddress& a) const {
    return (a.rank * cfg_.org.bank_groups + a.bank_group) * cfg_.org.banks_per_group + a.bank;
  }
  const DramConfig& config() const { return cfg_; }

 private:
  enum Reg { kAct, kPre, kPrea, kRd, kWr, kRef, kRegs };
  using Regs = std::array<DramCycle, kRegs>;
  struct Bank {
    std::int64_t row = -1;
    DramCycle activated = 0;  // cycle of the ACT that opened the row (auto-precharge waits for tRAS)
  };
  struct Effect {  // one rule, as applied when its `prev` is issued
    Scope scope;
    Reg next;
    int latency;
  };

  static Reg reg_of(Command c) {
    switch (base_command(c)) {
      case Command::ACT: return kAct;
      case Command::PRE: return kPre;
      case Command::PREA: return kPrea;
      case Command::RD: return kRd;
      case Command::WR: return kWr;
      default: return kRef;
    }
  }
  // The oldest of the last four ACTs of a rank; a fifth must wait until tFAW after it.
  DramCycle faw_limit(int rank) const { return last_acts_[rank][last_act_pos_[rank]] + cfg_.timing.tFAW; }
  void close_after_auto_precharge(Command c, const DramAddress& a, DramCycle t);

  DramConfig cfg_;
  std::array<std::vector<Effect>, kRegs> effects_;  // by the base command issued
  std::vector<Bank> banks_;
  std::vector<Regs> bank_regs_, group_regs_, rank_regs_;
  std::vector<int> open_in_rank_;
  std::vector<RankActivity> activity_;   // per rank
  std::vector<int> group_of_, rank_of_;  // per flat bank: its bank group (over all ranks) and rank
  std::vector<std::array<DramCycle, 4>> last_acts_;  // per rank, a ring of the last four ACT cycles
  std::vector<int> last_act_pos_;
  DramCycle command_bus_free_ = 0;  // one command per clock on the channel's command bus
};

// Inline: the scheduler asks this for every candidate it weighs.
inline DramCycle DramDevice::earliest(Command c, int b, std::int64_t row) const {
  const Bank& bank = banks_[b];
  const int rank = rank_of_[b];
  const Reg r = reg_of(c);
  switch (r) {
    case kAct:
      if (bank.row >= 0) return kNever;
      return std::max({bank_regs_[b][r], group_regs_[group_of_[b]][r], rank_regs_[rank][r], command_bus_free_,
                       faw_limit(rank)});
    case kPre:
      if (bank.row < 0) return kNever;
      break;
    case kRd:
    case kWr:
      if (bank.row != row) return kNever;  // closed (-1) or another row open
      break;
    case kPrea: {
      if (open_in_rank_[rank] == 0) return kNever;
      DramCycle t = std::max(rank_regs_[rank][kPrea], command_bus_free_);
      const int first = rank * cfg_.org.banks_per_rank();
      for (int i = first; i < first + cfg_.org.banks_per_rank(); ++i) {
        if (banks_[i].row >= 0) {  // every open bank must be ready for its own PRE
          t = std::max({t, bank_regs_[i][kPre], group_regs_[group_of_[i]][kPre]});
        }
      }
      return t;
    }
    default:  // REF
      if (open_in_rank_[rank] != 0) return kNever;
      return std::max(rank_regs_[rank][kRef], command_bus_free_);
  }
  return std::max({bank_regs_[b][r], group_regs_[group_of_[b]][r], rank_regs_[rank][r], command_bus_free_});
}

inline DramCycle DramDevice::earliest(Command c, const DramAddress& a) const {
  return earliest(c, bank_index(a), a.row);
}

}  // namespace systolica::dram
