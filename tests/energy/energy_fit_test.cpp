// The SRAM and L2 energy fit against the raw CACTI 7 sweeps it was made from (tests/data/reference/cacti,
// copies of shared/reference/cacti). energy.md quotes the fit's rms error as 6-15%; over every capacity
// (4 KiB to 4 MiB) and width (64 to 512 bits) of the sweep it is 10-20% in log terms here, with the worst
// points (small, narrow RAMs) off by up to 1.7x. The L2 model (the fit's line access plus a constant tag
// cost) is checked against CACTI's 8-way low-leakage caches.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "sim/config/config_loader.h"
#include "sim/energy/energy_model.h"
#include "tests/support/run_command.h"

namespace systolica::energy {
namespace {

std::vector<std::vector<std::string>> read_csv(const std::string& name) {
  std::ifstream in(test::source_dir() + "/tests/data/reference/cacti/" + name);
  EXPECT_TRUE(in.good()) << name;
  std::vector<std::vector<std::string>> rows;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::stringstream s(line);
    std::string cell;
    while (std::getline(s, cell, ',')) cells.push_back(cell);
    rows.push_back(cells);
  }
  return rows;
}

EnergyParameters node(int nm) {
  return resolve_energy_parameters(load_config("", {"energy.tech_nm=" + std::to_string(nm)}).arch);
}

struct Errors {
  double sum_sq = 0, worst = 0;
  int n = 0;
  void add(double model, double cacti) {
    const double e = std::log(model / cacti);
    sum_sq += e * e;
    worst = std::max(worst, std::abs(e));
    ++n;
  }
  double rms() const { return std::sqrt(sum_sq / n); }
};

TEST(EnergyFit, SramReadAndWriteFollowCacti) {
  // ram_sweep.csv: kind,tech_nm,size_bytes,block_bytes,assoc,read_pJ,write_pJ,...
  for (int nm : {22, 45}) {
    const EnergyParameters p = node(nm);
    Errors read, write;
    for (const auto& r : read_csv("ram_sweep.csv")) {
      if (std::stoi(r[1]) != nm) continue;
      const double bytes = std::stod(r[2]), bits = std::stod(r[3]) * 8;
      read.add(sram_read_pj(p, bytes, bits), std::stod(r[5]));
      write.add(sram_write_pj(p, bytes, bits), std::stod(r[6]));
    }
    EXPECT_EQ(read.n, 33) << nm;
    EXPECT_LT(read.rms(), 0.22) << nm << " nm reads";
    EXPECT_LT(write.rms(), 0.15) << nm << " nm writes";
    EXPECT_LT(read.worst, std::log(1.7)) << nm;
    EXPECT_LT(write.worst, std::log(1.3)) << nm;
  }
}

TEST(EnergyFit, L2LineAccessIsTheDataFitPlusATagCost) {
  // l2_sweep.csv: cell,mode,tech_nm,size_bytes,read_pJ_per_64B_line,write_pJ_per_64B_line,...
  for (int nm : {22, 45}) {
    const EnergyParameters p = node(nm);
    Errors read, write;
    for (const auto& r : read_csv("l2_sweep.csv")) {
      if (r[0] != "itrs-lstp" || std::stoi(r[2]) != nm) continue;
      const double bytes = std::stod(r[3]), tag = p[EnergyParam::L2TagPj];
      read.add(sram_read_pj(p, bytes, 512) + tag, std::stod(r[4]));
      write.add(sram_write_pj(p, bytes, 512) + tag, std::stod(r[5]));
    }
    EXPECT_EQ(read.n, 6) << nm;
    EXPECT_LT(read.rms(), 0.2) << nm << " nm reads";
    EXPECT_LT(write.rms(), 0.2) << nm << " nm writes";
    EXPECT_LT(std::max(read.worst, write.worst), std::log(1.3)) << nm;
  }
}

TEST(EnergyFit, ALargerSramCostsMorePerAccessAndAWiderPortLessPerByte) {
  const EnergyParameters p = node(22);
  double last = 0;
  for (double kib : {16, 64, 256, 1024, 4096}) {
    const double e = sram_read_pj(p, kib * 1024, 128);
    EXPECT_GT(e, last) << kib;
    last = e;
  }
  EXPECT_LT(sram_read_pj(p, 65536, 512) / 64, sram_read_pj(p, 65536, 128) / 16);
  EXPECT_GT(sram_write_pj(p, 1 << 20, 128), sram_write_pj(p, 1 << 16, 128));
}

}  // namespace
}  // namespace systolica::energy
