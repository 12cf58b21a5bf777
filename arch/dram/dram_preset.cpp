// The three presets. DDR4-2400 and LPDDR4-3200 are exactly ../shared/reference/dram.md (the figures
// both reference simulators were configured with); HBM2 is JESD235A at 2 Gb/s per pin as published in
// DRAMsim3's configs/HBM2_8Gb_x128.ini, with the two corrections noted on its row.
#include "arch/dram/dram_preset.h"

#include <algorithm>
#include <cctype>

namespace systolica::dram {

namespace {

DramPreset ddr4_2400() {
  DramPreset p;
  p.name = "DDR4-2400";
  // One x64 channel of 8 Gb x8 devices: 4 bank groups x 4 banks, 65,536 rows, 1,024 columns, so a rank's
  // row is 1,024 x 8 B = 8 KiB; BL8 moves 64 B in 4 clocks (19.2 GB/s).
  p.org = DramOrganization{1, 1, 4, 4, 65536, 1024, 64, 8};
  // dram.md's table (17-17-17 at tCK 0.833 ns). tRPab = tRP: DDR4 has one precharge time. tRTRS 2 as
  // in DRAMsim3's DDR4 configs (only matters with more than one rank).
  p.timing = DramTiming{833, 17, 12, 17, 17, 17, 39, 56, 4, 6, 4, 6, 26, 18, 3, 9, 9, 0, 2, 9360, 420};
  p.source = "dram.md (DDR4-2400 17-17-17, 8 Gb x8, JESD79-4)";
  return p;
}

DramPreset lpddr4_3200() {
  DramPreset p;
  p.name = "LPDDR4-3200";
  // One x32 channel (two x16 dies): 8 banks, no bank groups, 65,536 rows x 1,024 columns of 4 B, a 4 KiB
  // row; BL16 moves 64 B in 8 clocks (12.8 GB/s).
  p.org = DramOrganization{1, 1, 1, 8, 65536, 1024, 32, 16};
  // dram.md: RL 28 (CL), WL 14 (CWL), tRCD 29, tRPpb 29 (tRP), tRPab 34, tRAS 68, tRC 97, tCCD 8,
  // tRRD 16, tFAW 64, tWR 29, tWTR 16, tRTP 12, tPPD 4, tREFI 6246, tRFCab 448. Without bank groups
  // the _S and _L variants are the same number.
  p.timing = DramTiming{625, 28, 14, 29, 29, 34, 68, 97, 8, 8, 16, 16, 64, 29, 16, 16, 12, 4, 2, 6246, 448};
  p.source = "dram.md (LPDDR4-3200, JESD209-4)";
  return p;
}

DramPreset hbm2() {
  DramPreset p;
  p.name = "HBM2";
  // One 128-bit legacy-mode channel of an 8 Gb HBM2 die stack: 4 bank groups x 4 banks, 32,768 rows,
  // 64 columns of 16 B (a 1 KiB row); BL4 moves 64 B in 2 clocks at tCK 1 ns (32 GB/s per channel;
  // set dram.channels: 8 for a whole stack).
  p.org = DramOrganization{1, 1, 4, 4, 32768, 64, 128, 4};
  // JESD235A values at 2 Gb/s as in DRAMsim3's HBM2_8Gb_x128.ini: CL 14, CWL 4, tRCD 14, tRP 14,
  // tRAS 34, tRRD_S 4, tRRD_L 6, tFAW 30, tWR 16, tWTR_S 6, tWTR_L 8, tRTP 4 (its tRTP_S), tREFI 3900,
  // tRFC 260; tRC = tRAS + tRP = 48. Corrections: that file's tCCD_S 1 / tCCD_L 2 are below the 2 clocks
  // a BL4 burst occupies the bus, so tCCD_S is the burst (2) and tCCD_L twice it (4), JESD235A's
  // same-bank-group spacing for BL4.
  p.timing = DramTiming{1000, 14, 4, 14, 14, 14, 34, 48, 2, 4, 4, 6, 30, 16, 6, 8, 4, 0, 1, 3900, 260};
  p.source = "JESD235A at 2 Gb/s, values as in DRAMsim3 configs/HBM2_8Gb_x128.ini (tCCD corrected)";
  return p;
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

}  // namespace

const std::vector<DramPreset>& dram_presets() {
  static const std::vector<DramPreset> presets{ddr4_2400(), lpddr4_3200(), hbm2()};
  return presets;
}

const DramPreset* find_preset(std::string_view name) {
  for (const auto& p : dram_presets()) {
    if (lower(p.name) == lower(name)) return &p;
  }
  return nullptr;
}

}  // namespace systolica::dram
