#pragma once
// An independent check of a command log: the JEDEC spacings written out directly, pair by pair, without
// the model's rule table or registers. Tests run random traffic through the controller and hand its log
// here; any pair of commands closer than the standard allows is reported.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "arch/dram/dram_channel.h"
#include "arch/dram/dram_config.h"

namespace systolica::dram::test {

// Returns "" if the log of one channel obeys every constraint, else the first violation.
inline std::string check_command_log(const DramConfig& cfg, const std::vector<IssuedCommand>& log) {
  const DramTiming& t = cfg.timing;
  const int burst = cfg.burst_cycles();
  auto name = [](const IssuedCommand& c) {
    return std::string(to_string(c.command)) + "@" + std::to_string(c.cycle) + " r" + std::to_string(c.address.rank) +
           " g" + std::to_string(c.address.bank_group) + " b" + std::to_string(c.address.bank);
  };
  struct BankState {
    std::int64_t row = -1;
    DramCycle act = -100000;
    DramCycle ready_to_act = 0;  // after PRE or auto-precharge
  };
  std::map<std::tuple<int, int, int>, BankState> banks;
  std::map<int, std::vector<DramCycle>> acts;  // per rank
  for (std::size_t j = 0; j < log.size(); ++j) {
    const IssuedCommand& b = log[j];
    const auto key = std::make_tuple(b.address.rank, b.address.bank_group, b.address.bank);
    BankState& bank = banks[key];
    const Command bc = b.command == Command::RDA ? Command::RD : b.command == Command::WRA ? Command::WR : b.command;
    // Bank state.
    if (bc == Command::ACT && bank.row >= 0) return "ACT to an open bank: " + name(b);
    if ((bc == Command::RD || bc == Command::WR) && bank.row != b.address.row) return "column to a closed or other row: " + name(b);
    if (bc == Command::ACT && b.cycle < bank.ready_to_act) return "ACT before precharge done: " + name(b);
    // Pairwise spacings against earlier commands.
    for (std::size_t i = j; i-- > 0;) {
      const IssuedCommand& a = log[i];
      const DramCycle gap = b.cycle - a.cycle;
      if (gap > 2000) break;
      if (gap < 1) return "two commands in one clock: " + name(a) + " " + name(b);
      const Command ac = a.command == Command::RDA ? Command::RD : a.command == Command::WRA ? Command::WR : a.command;
      const bool same_rank = a.address.rank == b.address.rank;
      const bool same_group = same_rank && a.address.bank_group == b.address.bank_group;
      const bool same_bank = same_group && a.address.bank == b.address.bank;
      int need = 0;
      auto is = [](Command x, Command y) { return x == y; };
      if (same_bank) {
        if (is(ac, Command::ACT) && is(bc, Command::ACT)) need = t.tRC;
        if (is(ac, Command::ACT) && (is(bc, Command::RD) || is(bc, Command::WR))) need = t.tRCD;
        if (is(ac, Command::ACT) && is(bc, Command::PRE)) need = t.tRAS;
        if (is(ac, Command::PRE) && is(bc, Command::ACT)) need = t.tRP;
        if (is(ac, Command::RD) && is(bc, Command::PRE)) need = t.tRTP;
        if (is(ac, Command::WR) && is(bc, Command::PRE)) need = t.CWL + burst + t.tWR;
      }
      if (same_rank) {
        if (is(ac, Command::ACT) && is(bc, Command::ACT) && !same_bank) need = same_group ? t.tRRD_L : t.tRRD_S;
        if (is(ac, Command::RD) && is(bc, Command::RD)) need = same_group ? t.tCCD_L : t.tCCD_S;
        if (is(ac, Command::WR) && is(bc, Command::WR)) need = same_group ? t.tCCD_L : t.tCCD_S;
        if (is(ac, Command::WR) && is(bc, Command::RD)) need = t.CWL + burst + (same_group ? t.tWTR_L : t.tWTR_S);
        if (is(ac, Command::RD) && is(bc, Command::WR)) need = t.CL + burst + 2 - t.CWL;
        if (is(ac, Command::ACT) && is(bc, Command::REF)) need = t.tRC;
        if (is(ac, Command::PRE) && is(bc, Command::REF)) need = t.tRP;
        if (is(ac, Command::PREA) && (is(bc, Command::REF) || is(bc, Command::ACT))) need = t.tRPab;
        if (is(ac, Command::REF) && (is(bc, Command::ACT) || is(bc, Command::REF))) need = t.tRFC;
        if (t.tPPD > 0 && (is(ac, Command::PRE) || is(ac, Command::PREA)) && (is(bc, Command::PRE) || is(bc, Command::PREA)))
          need = std::max(need, t.tPPD);
      } else {
        if (is(ac, Command::RD) && is(bc, Command::RD)) need = burst + t.tRTRS;
        if (is(ac, Command::WR) && is(bc, Command::WR)) need = burst + t.tRTRS;
        if (is(ac, Command::RD) && is(bc, Command::WR)) need = t.CL + burst + std::max(2, t.tRTRS) - t.CWL;
        if (is(ac, Command::WR) && is(bc, Command::RD)) need = t.CWL + burst + t.tRTRS - t.CL;
      }
      if (gap < need) return name(a) + " then " + name(b) + ": " + std::to_string(gap) + " < " + std::to_string(need);
    }
    // The four-activate window.
    if (bc == Command::ACT) {
      auto& r = acts[b.address.rank];
      if (r.size() >= 4 && b.cycle - r[r.size() - 4] < t.tFAW) return "tFAW violated at " + name(b);
      r.push_back(b.cycle);
    }
    // State after the command.
    if (bc == Command::ACT) {
      bank.row = b.address.row;
      bank.act = b.cycle;
    } else if (bc == Command::PRE) {
      bank.row = -1;
      bank.ready_to_act = b.cycle + t.tRP;
    } else if (bc == Command::PREA || bc == Command::REF) {
      for (auto& [k, s] : banks) {
        if (std::get<0>(k) != b.address.rank) continue;
        if (bc == Command::PREA) {
          s.row = -1;
          s.ready_to_act = std::max(s.ready_to_act, b.cycle + t.tRPab);
        } else if (s.row >= 0) {
          return "REF with a bank open: " + name(b);
        } else if (b.cycle < s.ready_to_act) {
          return "REF before a precharge completed: " + name(b);
        }
      }
    }
    if (b.command == Command::RDA || b.command == Command::WRA) {
      const DramCycle recovered = b.command == Command::RDA ? b.cycle + t.tRTP : b.cycle + t.CWL + burst + t.tWR;
      bank.ready_to_act = std::max(recovered, bank.act + t.tRAS) + t.tRP;
      bank.row = -1;
    }
  }
  return "";
}

}  // namespace systolica::dram::test
