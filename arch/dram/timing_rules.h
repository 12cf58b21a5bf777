#pragma once
// Every timing constraint between two commands, as a table (the idea of Ramulator 2's DRAM standards):
// "after `prev` at time t, `next` in `scope` is illegal before t + latency". The device model applies
// the table; the tests walk it to prove each entry "not legal at t-1, legal at t". Plain C++.
#include <string>
#include <vector>

#include "arch/dram/dram_config.h"
#include "arch/dram/dram_types.h"

namespace systolica::dram {

// Which commands a rule constrains, relative to the bank of `prev`.
enum class Scope : std::uint8_t {
  Bank,        // the same bank
  BankGroup,   // any bank of the same bank group
  Rank,        // any bank of the same rank
  OtherRanks,  // any bank of another rank on the same channel (data-bus turnaround between ranks)
};

// Rules name base commands: a rule on RD also holds for RDA, one on WR for WRA. Two constraints are
// not in the table because they are not a fixed latency: the four-activate window (tFAW) and the
// internal precharge of RDA/WRA, which waits for both tRTP (or the write recovery) and tRAS.
struct TimingRule {
  Command prev;
  Scope scope;
  Command next;
  int latency;
  std::string name;  // "tRCD", "WR->RD same bank group (CWL + BL/2 + tWTR_L)"
};

std::vector<TimingRule> make_timing_rules(const DramConfig& cfg);

// The base command a rule names: RDA -> RD, WRA -> WR, others unchanged.
constexpr Command base_command(Command c) {
  return c == Command::RDA ? Command::RD : c == Command::WRA ? Command::WR : c;
}

}  // namespace systolica::dram
