#include "arch/dram/dram_device.h"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

namespace systolica::dram {

namespace {
constexpr DramCycle kLongAgo = -(DramCycle{1} << 40);  // an ACT so old that no window includes it
}

DramDevice::DramDevice(const DramConfig& cfg) : cfg_(cfg) {
  const DramOrganization& o = cfg.org;
  for (const TimingRule& rule : make_timing_rules(cfg)) {
    effects_[reg_of(rule.prev)].push_back({rule.scope, reg_of(rule.next), rule.latency});
  }
  banks_.resize(static_cast<std::size_t>(o.banks_per_channel()));
  Regs zero{};
  bank_regs_.assign(banks_.size(), zero);
  group_regs_.assign(static_cast<std::size_t>(o.ranks * o.bank_groups), zero);
  rank_regs_.assign(static_cast<std::size_t>(o.ranks), zero);
  open_in_rank_.assign(static_cast<std::size_t>(o.ranks), 0);
  activity_.assign(static_cast<std::size_t>(o.ranks), RankActivity(o.banks_per_rank()));
  for (int b = 0; b < o.banks_per_channel(); ++b) {
    group_of_.push_back(b / o.banks_per_group);
    rank_of_.push_back(b / o.banks_per_rank());
  }
  last_acts_.assign(static_cast<std::size_t>(o.ranks), {kLongAgo, kLongAgo, kLongAgo, kLongAgo});
  last_act_pos_.assign(static_cast<std::size_t>(o.ranks), 0);
}

void DramDevice::issue(Command c, const DramAddress& a, DramCycle t) {
  const DramCycle legal_from = earliest(c, a);
  if (legal_from > t) {
    throw std::logic_error(fmt::format("DRAM scheduler issued {} to rank {} bank group {} bank {} row {} at cycle "
                                       "{}; it is legal only from {}",
                                       to_string(c), a.rank, a.bank_group, a.bank, a.row, t,
                                       legal_from == kNever ? std::string("never (bank state)")
                                                            : std::to_string(legal_from)));
  }
  const int b = bank_index(a);
  const int g = a.rank * cfg_.org.bank_groups + a.bank_group;
  for (const Effect& e : effects_[reg_of(c)]) {
    const DramCycle at = t + e.latency;
    switch (e.scope) {
      case Scope::Bank: bank_regs_[b][e.next] = std::max(bank_regs_[b][e.next], at); break;
      case Scope::BankGroup: group_regs_[g][e.next] = std::max(group_regs_[g][e.next], at); break;
      case Scope::Rank: rank_regs_[a.rank][e.next] = std::max(rank_regs_[a.rank][e.next], at); break;
      case Scope::OtherRanks:
        for (int r = 0; r < cfg_.org.ranks; ++r) {
          if (r != a.rank) rank_regs_[r][e.next] = std::max(rank_regs_[r][e.next], at);
        }
        break;
    }
  }
  command_bus_free_ = t + 1;
  Bank& bank = banks_[b];
  switch (c) {
    case Command::ACT:
      bank.row = a.row;
      bank.activated = t;
      ++open_in_rank_[a.rank];
      activity_[a.rank].open(t);
      last_acts_[a.rank][last_act_pos_[a.rank]] = t;
      last_act_pos_[a.rank] = (last_act_pos_[a.rank] + 1) % 4;
      break;
    case Command::PRE:
      bank.row = -1;
      --open_in_rank_[a.rank];
      activity_[a.rank].close(t);
      break;
    case Command::PREA: {
      const int first = a.rank * cfg_.org.banks_per_rank();
      for (int i = first; i < first + cfg_.org.banks_per_rank(); ++i) {
        banks_[i].row = -1;
        bank_regs_[i][kAct] = std::max(bank_regs_[i][kAct], t + cfg_.timing.tRPab);
      }
      activity_[a.rank].close(t, open_in_rank_[a.rank]);
      open_in_rank_[a.rank] = 0;
      break;
    }
    case Command::RDA:
    case Command::WRA:
      close_after_auto_precharge(c, a, t);
      break;
    default:
      break;
  }
}

// RDA/WRA: the device precharges by itself once the read-to-precharge (or write recovery) time and
// tRAS have both passed; the bank may be activated again tRP after that, and refreshed likewise.
void DramDevice::close_after_auto_precharge(Command c, const DramAddress& a, DramCycle t) {
  const DramTiming& tm = cfg_.timing;
  const int b = bank_index(a);
  Bank& bank = banks_[b];
  const DramCycle after_access = c == Command::RDA ? t + tm.tRTP : t + tm.CWL + cfg_.burst_cycles() + tm.tWR;
  const DramCycle precharge = std::max(after_access, bank.activated + tm.tRAS);
  bank_regs_[b][kAct] = std::max(bank_regs_[b][kAct], precharge + tm.tRP);
  rank_regs_[a.rank][kRef] = std::max(rank_regs_[a.rank][kRef], precharge + tm.tRP);
  bank.row = -1;  // for scheduling the bank is closed now: nothing may use the row any more
  --open_in_rank_[a.rank];
  activity_[a.rank].close_later(t, precharge);  // for standby power it stays open until it precharges
}

}  // namespace systolica::dram
