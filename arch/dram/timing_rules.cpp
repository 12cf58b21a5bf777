// The derivations follow JESD79-4 (DDR4) and dram.md's "derived" row: RD->data CL + BL/2 = 21,
// RD->WR CL + BL/2 + 2 - CWL = 11 (one clock of write preamble, one of bus turnaround), WR->RD
// CWL + BL/2 + tWTR_L = 25 in the same bank group and + tWTR_S = 19 in another, WR->PRE CWL + BL/2 + tWR
// = 34. "BL/2" is the clocks a burst holds the data bus.
#include "arch/dram/timing_rules.h"

#include <algorithm>

namespace systolica::dram {

std::vector<TimingRule> make_timing_rules(const DramConfig& cfg) {
  const DramTiming& t = cfg.timing;
  const int burst = cfg.burst_cycles();
  using C = Command;
  using S = Scope;
  std::vector<TimingRule> r{
      // One bank: the row cycle.
      {C::ACT, S::Bank, C::ACT, t.tRC, "tRC"},
      {C::ACT, S::Bank, C::RD, t.tRCD, "tRCD"},
      {C::ACT, S::Bank, C::WR, t.tRCD, "tRCD (write)"},
      {C::ACT, S::Bank, C::PRE, t.tRAS, "tRAS"},
      {C::PRE, S::Bank, C::ACT, t.tRP, "tRP"},
      {C::RD, S::Bank, C::PRE, t.tRTP, "tRTP"},
      {C::WR, S::Bank, C::PRE, t.CWL + burst + t.tWR, "WR->PRE (CWL + BL/2 + tWR)"},
      // One bank group: the long column-to-column and activate-to-activate spacings.
      {C::ACT, S::BankGroup, C::ACT, t.tRRD_L, "tRRD_L"},
      {C::RD, S::BankGroup, C::RD, t.tCCD_L, "tCCD_L"},
      {C::WR, S::BankGroup, C::WR, t.tCCD_L, "tCCD_L (write)"},
      {C::WR, S::BankGroup, C::RD, t.CWL + burst + t.tWTR_L, "WR->RD same bank group (CWL + BL/2 + tWTR_L)"},
      // One rank.
      {C::ACT, S::Rank, C::ACT, t.tRRD_S, "tRRD_S"},
      {C::RD, S::Rank, C::RD, t.tCCD_S, "tCCD_S"},
      {C::WR, S::Rank, C::WR, t.tCCD_S, "tCCD_S (write)"},
      {C::WR, S::Rank, C::RD, t.CWL + burst + t.tWTR_S, "WR->RD other bank group (CWL + BL/2 + tWTR_S)"},
      {C::RD, S::Rank, C::WR, t.CL + burst + 2 - t.CWL, "RD->WR (CL + BL/2 + 2 - CWL)"},
      {C::PREA, S::Rank, C::ACT, t.tRPab, "tRPab (PREA->ACT)"},
      {C::ACT, S::Rank, C::REF, t.tRC, "ACT->REF (tRC)"},
      {C::PRE, S::Rank, C::REF, t.tRP, "PRE->REF (tRP)"},
      {C::PREA, S::Rank, C::REF, t.tRPab, "PREA->REF (tRPab)"},
      {C::REF, S::Rank, C::ACT, t.tRFC, "tRFC"},
      {C::REF, S::Rank, C::REF, t.tRFC, "tRFC (REF->REF)"},
  };
  if (t.tPPD > 0) {  // LPDDR4: precharges to one rank are spaced
    for (C a : {C::PRE, C::PREA}) {
      for (C b : {C::PRE, C::PREA}) {
        r.push_back({a, S::Rank, b, t.tPPD, "tPPD"});
      }
    }
  }
  // Between ranks only the shared data bus matters: a burst, plus the rank switch, plus the direction
  // turnaround where the direction changes.
  const int rd_wr_other = std::max(t.CL + burst + 2 - t.CWL, t.CL + burst + t.tRTRS - t.CWL);
  const int wr_rd_other = t.CWL + burst + t.tRTRS - t.CL;
  r.push_back({C::RD, S::OtherRanks, C::RD, burst + t.tRTRS, "RD->RD other rank (BL/2 + tRTRS)"});
  r.push_back({C::WR, S::OtherRanks, C::WR, burst + t.tRTRS, "WR->WR other rank (BL/2 + tRTRS)"});
  r.push_back({C::RD, S::OtherRanks, C::WR, rd_wr_other, "RD->WR other rank"});
  if (wr_rd_other > 0) {
    r.push_back({C::WR, S::OtherRanks, C::RD, wr_rd_other, "WR->RD other rank (CWL + BL/2 + tRTRS - CL)"});
  }
  r.erase(std::remove_if(r.begin(), r.end(), [](const TimingRule& x) { return x.latency <= 0; }), r.end());
  return r;
}

}  // namespace systolica::dram
