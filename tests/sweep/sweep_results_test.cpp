// The sweep's files: point records, results.csv and the run metrics they come from.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "sim/sweep/atomic_file.h"
#include "sim/sweep/point_record.h"
#include "sim/sweep/results_csv.h"
#include "sim/sweep/run_summary.h"
#include "tests/sweep/sweep_test_util.h"

namespace systolica::sweep {
namespace {

namespace fs = std::filesystem;
using test::sweep_test::fresh_dir;

PointRecord ok_point() {
  PointRecord r;
  r.index = 3;
  r.ok = true;
  r.values = {{"scratchpad.size", "256 KiB"}, {"l2.size", "0 B"}};
  r.metrics.cycles = 28006;
  r.metrics.utilization = 0.125;
  r.metrics.dram_bytes = 5312;
  r.metrics.sram_bytes = 327680;
  r.wall_seconds = 0.04251;
  return r;
}

TEST(SweepResults, CsvHasTheFixedColumnsAndEmptyCellsForWhatIsMissing) {
  PointRecord error;
  error.index = 1;
  error.values = {{"scratchpad.size", "3 \"big\", please"}};
  error.error = "--set scratchpad.size=3: scratchpad.size: bad, really";
  const std::map<int, PointRecord> records = {{3, ok_point()}, {1, error}};
  EXPECT_EQ(results_csv({"scratchpad.size", "l2.size"}, records),
            "point,status,scratchpad.size,l2.size,cycles,energy_pj,static_energy_pj,utilization,dram_bytes,"
            "sram_bytes,wall_seconds,error\n"
            "1,error,\"3 \"\"big\"\", please\",,,,,,,,0.000,\"--set scratchpad.size=3: scratchpad.size: bad, "
            "really\"\n"
            "3,ok,256 KiB,0 B,28006,,,0.125,5312,327680,0.043,\n");
  PointRecord with_energy = ok_point();
  with_energy.metrics.energy_pj = 1.5e9;
  with_energy.metrics.static_energy_pj = 2.25;
  EXPECT_NE(results_csv({}, {{3, with_energy}}).find("3,ok,28006,1500000000,2.25,0.125,"), std::string::npos);
}

TEST(SweepResults, PointFilesRoundTripAndAreWrittenWhole) {
  const fs::path dir = fresh_dir("records");
  fs::create_directories(points_dir(dir));
  write_point_file(dir, ok_point());
  PointRecord error = ok_point();
  error.index = 12;
  error.ok = false;
  error.metrics = {};
  error.error = "layer 'c1': no mapping fits";
  write_point_file(dir, error);
  const std::map<int, PointRecord> back = read_point_files(dir);
  ASSERT_EQ(back.size(), 2u);
  EXPECT_TRUE(back.at(3).same_result(ok_point()));
  EXPECT_DOUBLE_EQ(back.at(3).wall_seconds, ok_point().wall_seconds);
  EXPECT_TRUE(back.at(12).same_result(error));
  EXPECT_TRUE(fs::exists(dir / "points" / "0012.json"));
  for (const auto& e : fs::directory_iterator(dir / "points")) EXPECT_FALSE(is_temporary_file(e.path()));

  // A killed writer's temporary file is not a point file; a truncated point file is an error, not a point.
  std::ofstream(dir / "points" / ".0005.json.tmp.123") << "{\"point\": 5,";
  EXPECT_EQ(read_point_files(dir).size(), 2u);
  std::ofstream(dir / "points" / "0005.json") << "{\"point\": 5,";
  EXPECT_THROW(read_point_files(dir), std::runtime_error);
  fs::remove_all(dir);
}

TEST(SweepResults, MetricsComeFromSummaryJsonWithEnergyWhenPresent) {
  const fs::path dir = fresh_dir("summary");
  std::ofstream(dir / "old.json") << R"({"total": {"cycles": 100, "utilization": 0.5,
      "dram_read_bytes": 64, "dram_write_bytes": 32}})";
  const PointMetrics old = read_run_metrics(dir / "old.json");
  EXPECT_EQ(old.cycles, 100);
  EXPECT_EQ(old.dram_bytes, 96u);
  EXPECT_EQ(old.utilization, 0.5);
  EXPECT_FALSE(old.energy_pj);
  EXPECT_FALSE(old.static_energy_pj);
  std::ofstream(dir / "new.json") << R"({"total": {"cycles": 100, "utilization": 0.5,
      "dram_read_bytes": 64, "dram_write_bytes": 32, "energy_pj": 1234.5, "static_energy_pj": 34.5}})";
  const PointMetrics now = read_run_metrics(dir / "new.json");
  EXPECT_EQ(now.energy_pj, 1234.5);
  EXPECT_EQ(now.static_energy_pj, 34.5);
  EXPECT_THROW(read_run_metrics(dir / "absent.json"), std::runtime_error);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace systolica::sweep
