#pragma once
// DRAM standards as data: the organization and timing of one speed grade. A preset is a starting point;
// the config may override any field (dram.timing.*, dram.org.*), and dram_config.h validates the result.
// Plain C++: no SystemC.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace systolica::dram {

// The geometry of the memory. channels and ranks come from the config (dram.channels, dram.ranks); the
// rest from the preset. A "column" is one bus-width word; a burst reads burst_length of them.
struct DramOrganization {
  int channels = 1;
  int ranks = 1;
  int bank_groups = 4;
  int banks_per_group = 4;
  std::int64_t rows = 65536;
  int columns = 1024;     // column addresses per row
  int bus_bits = 64;      // data bus width of one channel
  int burst_length = 8;   // beats per access (BL8); a beat is half a clock (double data rate)

  int bus_bytes() const { return bus_bits / 8; }
  int burst_bytes() const { return bus_bytes() * burst_length; }  // bytes of one access, 64 B for DDR4 x64
  std::int64_t row_bytes() const { return static_cast<std::int64_t>(columns) * bus_bytes(); }
  int bursts_per_row() const { return columns / burst_length; }
  int banks_per_rank() const { return bank_groups * banks_per_group; }
  int banks_per_channel() const { return ranks * banks_per_rank(); }
  std::uint64_t channel_bytes() const {
    return static_cast<std::uint64_t>(banks_per_channel()) * static_cast<std::uint64_t>(rows) *
           static_cast<std::uint64_t>(row_bytes());
  }
  std::uint64_t capacity_bytes() const { return static_cast<std::uint64_t>(channels) * channel_bytes(); }
};

// Timing in DRAM clocks (except tCK). Names follow JEDEC; LPDDR4's RL/WL are CL/CWL here, and standards
// without bank groups set the _S and _L variants equal.
struct DramTiming {
  int tCK_ps = 833;  // clock period
  int CL = 17;       // read latency: RD to first data beat
  int CWL = 12;      // write latency: WR to first data beat
  int tRCD = 17;     // ACT to RD/WR, same bank
  int tRP = 17;      // PRE to ACT, same bank
  int tRPab = 17;    // PREA (all banks) to ACT or REF
  int tRAS = 39;     // ACT to PRE, same bank
  int tRC = 56;      // ACT to ACT, same bank
  int tCCD_S = 4;    // RD to RD (WR to WR), different bank group
  int tCCD_L = 6;    // RD to RD (WR to WR), same bank group
  int tRRD_S = 4;    // ACT to ACT, different bank group
  int tRRD_L = 6;    // ACT to ACT, same bank group
  int tFAW = 26;     // at most four ACTs per rank in any window of this length
  int tWR = 18;      // end of write data to PRE (write recovery)
  int tWTR_S = 3;    // end of write data to RD, different bank group
  int tWTR_L = 9;    // end of write data to RD, same bank group
  int tRTP = 9;      // RD to PRE
  int tPPD = 0;      // PRE to PRE, same rank (LPDDR4); 0 = no constraint
  int tRTRS = 2;     // rank-to-rank switch on the data bus
  int tREFI = 9360;  // average interval between all-bank refreshes
  int tRFC = 420;    // duration of an all-bank refresh

  double tCK_ns() const { return tCK_ps / 1000.0; }
};

struct DramPreset {
  std::string_view name;  // as the config and reports spell it: "DDR4-2400"
  DramOrganization org;   // channels and ranks are placeholders; the config sets them
  DramTiming timing;
  std::string_view source;  // where the numbers come from, for docs/dram.md and `systolica dram`
};

const std::vector<DramPreset>& dram_presets();

// The preset named `name`, compared without regard to case ("ddr4-2400" finds DDR4-2400); nullptr if none.
const DramPreset* find_preset(std::string_view name);

}  // namespace systolica::dram
