// The energy tables: the built-in ones load and carry energy.md's numbers; overrides replace one number
// and are marked; every kind of bad table or value is a one-line ConfigError naming file and key.
#include "sim/energy/energy_parameters.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "sim/config/config_loader.h"
#include "sim/energy/builtin_tables.h"
#include "tests/config/config_test_util.h"

namespace systolica::energy {
namespace {

using test::config_error;
using test::Contains;
using P = EnergyParam;

EnergyParameters params_for(const std::vector<std::string>& sets) {
  return resolve_energy_parameters(load_config("", sets).arch);
}

TEST(EnergyTables, EveryNodeTableLoadsWithEnergyMdValues) {
  // energy.md's "Recommended defaults": int8 MAC 0.30 / 0.088 / 0.052 pJ; register bit 0.010 / 0.0030 /
  // 0.0018; the SRAM fit's k_r 2.02 (45 nm), 0.50 (22 nm), and 0.50 x 0.853 at 16 nm.
  const EnergyParameters p45 = params_for({"energy.tech_nm=45"});
  const EnergyParameters p22 = params_for({"energy.tech_nm=22"});
  const EnergyParameters p16 = params_for({"energy.tech_nm=16"});
  EXPECT_DOUBLE_EQ(p45[P::MacPj], 0.30);
  EXPECT_DOUBLE_EQ(p22[P::MacPj], 0.088);
  EXPECT_DOUBLE_EQ(p16[P::MacPj], 0.052);
  EXPECT_DOUBLE_EQ(p45[P::PeRegisterBitPj], 0.010);
  EXPECT_DOUBLE_EQ(p16[P::PeRegisterBitPj], 0.0018);
  EXPECT_DOUBLE_EQ(p45[P::SramReadKPj], 2.02);
  EXPECT_DOUBLE_EQ(p22[P::SramReadKPj], 0.50);
  EXPECT_NEAR(p16[P::SramReadKPj], 0.50 * 0.853, 1e-9);
  EXPECT_EQ(p16.source[static_cast<std::size_t>(P::MacPj)], "16nm.yaml");
  // Every node parameter is set by its table (the dram ones by dram.yaml), none left at zero by omission.
  for (std::size_t i = 0; i < kEnergyParamCount; ++i) {
    EXPECT_FALSE(p22.source[i].empty()) << energy_param_info()[i].name;
  }
}

TEST(EnergyTables, DramCurrentsComeFromThePreset) {
  // dram.md: DDR4-2400 x8, VDD 1.2 V: IDD0 48, IDD2N 34, IDD3N 43, IDD4R 135, IDD4W 123, IDD5B 250.
  const EnergyParameters ddr4 = params_for({});
  EXPECT_DOUBLE_EQ(ddr4[P::DramVddV], 1.2);
  EXPECT_DOUBLE_EQ(ddr4[P::DramIdd0Ma], 48);
  EXPECT_DOUBLE_EQ(ddr4[P::DramIdd4rMa], 135);
  EXPECT_DOUBLE_EQ(ddr4[P::DramDevicesPerRank], 8);
  EXPECT_EQ(ddr4.source[static_cast<std::size_t>(P::DramIdd0Ma)], "dram.yaml DDR4-2400");
  const EnergyParameters hbm = params_for({"dram.preset=hbm2"});
  EXPECT_DOUBLE_EQ(hbm[P::DramIdd4wMa], 500);
  const EnergyParameters lp = params_for({"dram.preset=LPDDR4-3200"});
  EXPECT_DOUBLE_EQ(lp[P::DramVddV], 1.1);
  // Every preset the config accepts has an entry.
  for (const char* preset : {"DDR4-2400", "LPDDR4-3200", "HBM2"}) {
    EXPECT_NO_THROW(params_for({std::string("dram.preset=") + preset})) << preset;
  }
}

TEST(EnergyTables, AnOverrideReplacesOneNumberAndIsMarked) {
  const EnergyParameters p = params_for({"energy.tech_nm=16", "energy.mac_pj=0.5"});
  EXPECT_DOUBLE_EQ(p[P::MacPj], 0.5);
  EXPECT_TRUE(p.overridden(P::MacPj));
  EXPECT_FALSE(p.overridden(P::AccumulatePj));
  EXPECT_DOUBLE_EQ(p[P::AccumulatePj], 0.017);
  const EnergyParameters d = params_for({"energy.dram_idd0_ma=60"});
  EXPECT_DOUBLE_EQ(d[P::DramIdd0Ma], 60);
  EXPECT_TRUE(d.overridden(P::DramIdd0Ma));
}

TEST(EnergyTables, BadOverridesAreConfigErrors) {
  EXPECT_TRUE(Contains(config_error("", {"energy.mac_pj=-1"}), "energy.mac_pj: '-1' is negative"));
  EXPECT_TRUE(Contains(config_error("", {"energy.mac_pj=lots"}), "expected a number in 0..100"));
  EXPECT_TRUE(Contains(config_error("", {"energy.mac_pj=5000"}), "out of range"));
  EXPECT_TRUE(Contains(config_error("", {"energy.tech_nm=28"}), "expected one of 45, 22, 16"));
  EXPECT_TRUE(Contains(config_error("", {"energy.mac=0.1"}), "energy.mac"));
}

// Writes `text` as a user table and returns the error of a config that names it.
std::string table_error(const std::string& name, const std::string& text) {
  const auto dir = test::temp_config_dir("energy_" + name);
  const std::string path = (dir / (name + ".yaml")).string();
  std::ofstream(path) << text;
  return config_error("", {"energy.table=" + path});
}

std::string good_table() {
  return builtin_tables().at("22nm.yaml");
}

std::string replace(std::string s, const std::string& from, const std::string& to) {
  const auto at = s.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return s.replace(at, from.size(), to);
}

TEST(EnergyTables, AUserTableReplacesTheNodeTable) {
  const auto dir = test::temp_config_dir("energy_user_table");
  const std::string path = (dir / "mine.yaml").string();
  std::ofstream(path) << replace(good_table(), "mac_pj: 0.088", "mac_pj: 0.2");
  const EnergyParameters p = params_for({"energy.table=" + path});
  EXPECT_DOUBLE_EQ(p[P::MacPj], 0.2);
  EXPECT_EQ(p.source[static_cast<std::size_t>(P::MacPj)], path);
}

TEST(EnergyTables, AUserTableInAConfigFileIsRelativeToThatFile) {
  const auto dir = test::temp_config_dir("energy_relative_table");
  std::ofstream(dir / "mine.yaml") << replace(good_table(), "mac_pj: 0.088", "mac_pj: 0.3");
  std::ofstream(dir / "arch.yaml") << "energy:\n  table: mine.yaml\n";
  const EnergyParameters p = resolve_energy_parameters(load_config((dir / "arch.yaml").string(), {}).arch);
  EXPECT_DOUBLE_EQ(p[P::MacPj], 0.3);
}

TEST(EnergyTables, BadTablesNameTheFileAndTheKey) {
  EXPECT_TRUE(Contains(table_error("negative", replace(good_table(), "mac_pj: 0.088", "mac_pj: -0.088")),
                       "mac_pj: -0.088 is out of range; expected a number in 0..100"));
  EXPECT_TRUE(Contains(table_error("missing", replace(good_table(), "mac_pj: 0.088", "")),
                       "mac_pj: missing; an energy table must give every one of mac_pj,"));
  EXPECT_TRUE(Contains(table_error("unknown", good_table() + "flux_pj: 3\n"),
                       "flux_pj: unknown energy table key; expected mac_pj,"));
  EXPECT_TRUE(Contains(table_error("text", replace(good_table(), "mac_pj: 0.088", "mac_pj: cheap")),
                       "mac_pj: 'cheap' is not a number"));
  EXPECT_TRUE(Contains(table_error("malformed", "mac_pj: [0.1\n"), "malformed YAML"));
  EXPECT_TRUE(Contains(table_error("list", "- 1\n- 2\n"), "must be a map"));
  EXPECT_TRUE(
      Contains(table_error("dram_key", good_table() + "dram_idd0_ma: 3\n"), "unknown energy table key"));
  EXPECT_TRUE(Contains(config_error("", {"energy.table=/nonexistent/table.yaml"}), "cannot be read"));
  // The file is named, with the line of the offending key.
  EXPECT_TRUE(Contains(table_error("where", good_table() + "flux_pj: 3\n"), "where.yaml:"));
}

TEST(EnergyTables, TheCliRefusesABadTableWithExitStatus2) {
  const auto dir = test::temp_config_dir("energy_cli_table");
  const std::string path = (dir / "bad.yaml").string();
  std::ofstream(path) << "mac_pj: -1\n";
  const auto r = test::run_command(test::systolica_bin() + " run --gemm 16,16,16 --set energy.table=" + path);
  EXPECT_EQ(r.exit_status, 2);
  EXPECT_TRUE(Contains(r.err, "bad.yaml"));
}

}  // namespace
}  // namespace systolica::energy
