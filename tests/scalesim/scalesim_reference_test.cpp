// evaluate_scalesim() against real SCALE-Sim v2 results (tests/data/scalesim/scalesim_micro.csv, see the
// README next to it): every row must agree exactly in cycles and SRAM counts, and in utilization and
// mapping efficiency to the four decimals SCALE-Sim printed.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "arch/systolic/scalesim_timing.h"
#include "tests/support/run_command.h"
#include "workloads/layer.h"
#include "workloads/topology_csv.h"

namespace systolica {
namespace {

using Row = std::map<std::string, std::string>;

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> out;
  std::stringstream ss(line);
  std::string field;
  while (std::getline(ss, field, ',')) out.push_back(field);
  return out;
}

std::vector<Row> read_reference() {
  const std::string path = test::source_dir() + "/tests/data/scalesim/scalesim_micro.csv";
  std::ifstream in(path);
  EXPECT_TRUE(in) << "cannot open " << path;
  std::string line;
  std::getline(in, line);
  if (!line.empty() && line.back() == '\r') line.pop_back();  // the reference file has CRLF line endings
  const std::vector<std::string> header = split(line);
  std::vector<Row> rows;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    const std::vector<std::string> fields = split(line);
    EXPECT_EQ(fields.size(), header.size()) << line;
    Row row;
    for (std::size_t i = 0; i < header.size() && i < fields.size(); ++i) row[header[i]] = fields[i];
    rows.push_back(row);
  }
  return rows;
}

std::int64_t num(const Row& row, const std::string& column) {
  return std::stoll(row.at(column));
}

Layer layer_of(const Row& row) {
  return make_conv_layer(row.at("case"), static_cast<int>(num(row, "ifmap_h")),
                         static_cast<int>(num(row, "ifmap_w")), static_cast<int>(num(row, "channels")),
                         static_cast<int>(num(row, "num_filters")), static_cast<int>(num(row, "filter_h")),
                         static_cast<int>(num(row, "filter_w")), static_cast<int>(num(row, "stride")), 0);
}

TEST(ScaleSimReference, EveryRowMatchesExactly) {
  const std::vector<Row> rows = read_reference();
  ASSERT_EQ(rows.size(), 8u) << "the reference has 8 rows: 2 layers x 2 arrays x 2 dataflows";
  for (const Row& row : rows) {
    SCOPED_TRACE(row.at("case"));
    const auto df = parse_dataflow(row.at("dataflow"));
    ASSERT_TRUE(df.has_value());
    const ScaleSimResult r = evaluate_scalesim(layer_of(row), static_cast<int>(num(row, "array_rows")),
                                               static_cast<int>(num(row, "array_cols")), *df);
    EXPECT_EQ(r.compute_cycles, num(row, "compute_cycles"));
    EXPECT_EQ(r.ifmap_sram_reads, num(row, "sram_ifmap_reads"));
    EXPECT_EQ(r.filter_sram_reads, num(row, "sram_filter_reads"));
    EXPECT_EQ(r.ofmap_sram_writes, num(row, "sram_ofmap_writes"));
    EXPECT_EQ(fmt::format("{:.4f}", r.utilization * 100), row.at("utilization_pct"));
    EXPECT_EQ(fmt::format("{:.4f}", r.mapping_efficiency * 100), row.at("mapping_eff_pct"));
    EXPECT_NEAR(r.utilization * 100, std::stod(row.at("utilization_pct")), 0.5e-4);
    EXPECT_NEAR(r.mapping_efficiency * 100, std::stod(row.at("mapping_eff_pct")), 0.5e-4);
  }
}

// The reader and the evaluator together: the topology file of the two reference layers, run on each
// array and dataflow, sums to what SCALE-Sim reported for the two layers.
TEST(ScaleSimReference, TopologyFileSumsToReferenceCycles) {
  const std::vector<Layer> layers =
      read_scalesim_topology(test::source_dir() + "/tests/data/topologies/scalesim_micro.csv");
  ASSERT_EQ(layers.size(), 2u);
  std::map<std::string, std::int64_t> expected;  // "<rows>x<cols>_<df>" -> sum of the csv's cycles
  for (const Row& row : read_reference()) {
    expected[row.at("array_rows") + "x" + row.at("array_cols") + "_" + row.at("dataflow")] +=
        num(row, "compute_cycles");
  }
  ASSERT_EQ(expected.size(), 4u);
  for (int size : {16, 128}) {
    for (Dataflow df : {Dataflow::WeightStationary, Dataflow::OutputStationary}) {
      std::int64_t total = 0;
      for (const Layer& l : layers) total += evaluate_scalesim(l, size, size, df).compute_cycles;
      EXPECT_EQ(total, expected.at(fmt::format("{}x{}_{}", size, size, to_string(df))))
          << size << " " << to_string(df);
    }
  }
}

}  // namespace
}  // namespace systolica
