// summary.json and layers.csv of a real run (through the binary, on a small network with a layer of every
// kind), and of hand-made results for the edge cases: no DRAM bytes, no cycles, awkward names.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "sim/report/output_files.h"
#include "tests/support/run_command.h"

namespace systolica::test {
namespace {

namespace fs = std::filesystem;

// Splits one CSV record (RFC 4180 quoting, no line breaks inside fields).
std::vector<std::string> csv_record(const std::string& line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted && c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
      out.back() += '"';
      ++i;
    } else if (c == '"') {
      quoted = !quoted;
    } else if (c == ',' && !quoted) {
      out.emplace_back();
    } else {
      out.back() += c;
    }
  }
  return out;
}

std::vector<std::vector<std::string>> csv_rows(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::stringstream ss(text);
  for (std::string line; std::getline(ss, line);) {
    rows.push_back(csv_record(line));
  }
  return rows;
}

const char* kStallKeys[] = {"underuse",    "fill_drain", "scratchpad_banks", "dma_l2", "dram",
                            "vector_unit", "store"};
const char* kByteKeys[] = {"dram_read",        "dram_write",       "l2_read",         "l2_write",
                           "dma_load",         "dma_store",        "scratchpad_read", "scratchpad_write",
                           "accumulator_read", "accumulator_write"};

class TinyNetworkRun : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::temp_directory_path() / ("systolica-report-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    const CommandResult r = run_command(systolica_bin() + " run --quiet --layers " + source_dir() +
                                        "/tests/data/networks/tiny_layers.yaml --out " + dir_.string());
    ASSERT_EQ(r.exit_status, 0) << r.err;
    std::ifstream json(dir_ / "summary.json");
    std::stringstream text;
    text << json.rdbuf();
    summary_text_ = text.str();
    std::ifstream csv(dir_ / "layers.csv");
    std::stringstream csv_text;
    csv_text << csv.rdbuf();
    csv_ = csv_text.str();
  }
  static void TearDownTestSuite() { fs::remove_all(dir_); }

  static fs::path dir_;
  static std::string summary_text_, csv_;
};
fs::path TinyNetworkRun::dir_;
std::string TinyNetworkRun::summary_text_, TinyNetworkRun::csv_;

TEST_F(TinyNetworkRun, SummaryHasEveryPerLayerField) {
  ASSERT_FALSE(summary_text_.empty());
  EXPECT_EQ(summary_text_.find("NaN"), std::string::npos);
  EXPECT_EQ(summary_text_.find("Infinity"), std::string::npos);
  const nlohmann::json j = nlohmann::json::parse(summary_text_);
  ASSERT_EQ(j["layers"].size(), 11u);
  std::vector<std::string> kinds;
  for (const auto& l : j["layers"]) {
    SCOPED_TRACE(l["name"].get<std::string>());
    kinds.push_back(l["kind"].get<std::string>());
    for (const char* k : {"cycles", "macs", "dram_read_bytes", "dram_write_bytes"}) {
      EXPECT_TRUE(l[k].is_number_integer()) << k;
    }
    for (const char* k : {"utilization", "attained_fraction", "compute_cycles"}) {
      EXPECT_TRUE(l[k].is_number()) << k;
    }
    const std::string bound = l["bound"];
    EXPECT_TRUE(bound == "compute" || bound == "memory") << bound;
    const std::uint64_t dram =
        l["dram_read_bytes"].get<std::uint64_t>() + l["dram_write_bytes"].get<std::uint64_t>();
    if (dram == 0) {
      EXPECT_TRUE(l["arithmetic_intensity"].is_null());
    } else {
      EXPECT_NEAR(l["arithmetic_intensity"].get<double>(),
                  l["macs"].get<double>() / static_cast<double>(dram), 1e-9);
    }
    // The stall parts and the compute cycles add up to the cycles.
    double sum = l["compute_cycles"].get<double>();
    for (const char* k : kStallKeys) {
      ASSERT_TRUE(l["stall_cycles"][k].is_number()) << k;
      EXPECT_GE(l["stall_cycles"][k].get<double>(), 0.0) << k;
      sum += l["stall_cycles"][k].get<double>();
    }
    EXPECT_NEAR(sum, l["cycles"].get<double>(), 1e-6);
    for (const char* k : kByteKeys) {
      EXPECT_TRUE(l["bytes"][k].is_number_unsigned()) << k;
    }
    EXPECT_EQ(l["bytes"]["dram_read"], l["dram_read_bytes"]);
    EXPECT_EQ(l["bytes"]["dma_load"], l["memory"]["dma"]["load_bytes"]);
    EXPECT_EQ(l["bytes"]["l2_read"].get<std::uint64_t>(),
              l["memory"]["l2"]["reads"].get<std::uint64_t>() * 64);
    const auto& m = l["mapping"];
    for (const char* k : {"tile_rows", "tile_cols", "tile_in_c", "tile_out_c", "blocks", "commands"}) {
      EXPECT_TRUE(m[k].is_number_integer()) << k;
    }
    EXPECT_TRUE(m["dataflow"].is_string() && m["loop_order"].is_string() &&
                m["double_buffered"].is_boolean());
    const auto& s = l["shape"];
    for (const char* k : {"in_h", "in_w", "in_c", "out_h", "out_w", "out_c", "kernel_h", "kernel_w",
                          "stride_h", "stride_w", "pad_h", "pad_w", "dilation_h", "dilation_w", "groups"}) {
      EXPECT_TRUE(s[k].is_number_integer()) << k;
    }
    EXPECT_TRUE(s["activation"].is_string());
    EXPECT_TRUE(s["inputs"].is_array() && !s["inputs"].empty());
  }
  EXPECT_EQ(kinds, (std::vector<std::string>{"conv", "conv", "conv", "add", "maxpool", "conv", "avgpool",
                                             "conv", "gavgpool", "gemm", "vector"}));
  // Inputs by name: the residual add reads c1 and c3; "side" reads the network input.
  EXPECT_EQ(j["layers"][3]["shape"]["inputs"], (nlohmann::json{"c1", "c3"}));
  EXPECT_EQ(j["layers"][7]["shape"]["inputs"], (nlohmann::json{"input"}));
  EXPECT_EQ(j["layers"][1]["shape"]["activation"], "relu6");
  EXPECT_EQ(j["layers"][7]["shape"]["dilation_h"], 2);
  EXPECT_EQ(j["layers"][10]["shape"]["vector_op"], "Softmax");
  // No MACs, no MAC intensity: a vector layer with DRAM bytes has 0 MACs per byte.
  for (const auto& l : j["layers"]) {
    if (l["macs"] == 0 && !l["arithmetic_intensity"].is_null()) {
      EXPECT_EQ(l["arithmetic_intensity"], 0.0);
    }
  }
}

TEST_F(TinyNetworkRun, SummaryTotalAddsUpAndDescribesTheNetwork) {
  const nlohmann::json j = nlohmann::json::parse(summary_text_);
  const auto& t = j["total"];
  EXPECT_EQ(t["network"], "tiny");
  EXPECT_EQ(t["batch"], 1);
  EXPECT_TRUE(t["warnings"].is_array());
  EXPECT_TRUE(t["weight_bytes"].is_number_unsigned());
  EXPECT_GT(t["peak_activation_bytes"].get<std::uint64_t>(), 0u);
  // batch / simulated seconds
  EXPECT_NEAR(t["inferences_per_second"].get<double>(),
              1.0 / (t["cycles"].get<double>() / j["arch"]["core_clock_hz"].get<double>()), 1e-6);
  const std::string bound = t["bound"];
  EXPECT_TRUE(bound == "compute" || bound == "memory");
  EXPECT_TRUE(t["attained_fraction"].is_number());
  std::int64_t cycles = 0, macs = 0;
  std::uint64_t dram_read = 0;
  double compute = 0;
  for (const auto& l : j["layers"]) {
    cycles += l["cycles"].get<std::int64_t>();
    macs += l["macs"].get<std::int64_t>();
    dram_read += l["dram_read_bytes"].get<std::uint64_t>();
    compute += l["compute_cycles"].get<double>();
  }
  EXPECT_EQ(t["cycles"].get<std::int64_t>(), cycles);
  EXPECT_EQ(t["macs"].get<std::int64_t>(), macs);
  EXPECT_EQ(t["dram_read_bytes"].get<std::uint64_t>(), dram_read);
  EXPECT_NEAR(t["compute_cycles"].get<double>(), compute, 1e-6);
  double sum = t["compute_cycles"].get<double>();
  for (const char* k : kStallKeys) {
    double layers = 0;
    for (const auto& l : j["layers"]) {
      layers += l["stall_cycles"][k].get<double>();
    }
    EXPECT_NEAR(t["stall_cycles"][k].get<double>(), layers, 1e-6) << k;
    sum += t["stall_cycles"][k].get<double>();
  }
  EXPECT_NEAR(sum, t["cycles"].get<double>(), 1e-6);
  for (const char* k : kByteKeys) {
    EXPECT_TRUE(t["bytes"][k].is_number_unsigned()) << k;
  }
  // The roofs the rules used.
  EXPECT_EQ(j["arch"]["peak_macs_per_cycle"], 256.0);
  EXPECT_NEAR(j["arch"]["ridge_macs_per_byte"].get<double>(),
              256.0 / j["arch"]["dram_bytes_per_cycle"].get<double>(), 1e-9);
}

TEST_F(TinyNetworkRun, CsvHasAHeaderAndOneRowPerLayerWithEveryScalarField) {
  const auto rows = csv_rows(csv_);
  ASSERT_EQ(rows.size(), 12u);  // header + 11 layers
  const auto& header = rows[0];
  auto column = [&](const std::string& name) {
    const auto it = std::find(header.begin(), header.end(), name);
    EXPECT_NE(it, header.end()) << name;
    return static_cast<std::size_t>(it - header.begin());
  };
  for (const auto& row : rows) {
    EXPECT_EQ(row.size(), header.size());
  }
  for (const char* k : {"name",
                        "kind",
                        "cycles",
                        "macs",
                        "utilization",
                        "dram_read_bytes",
                        "dram_write_bytes",
                        "bound",
                        "attained_fraction",
                        "arithmetic_intensity",
                        "compute_cycles",
                        "tile_rows",
                        "loop_order",
                        "blocks",
                        "commands",
                        "in_h",
                        "out_c",
                        "dilation_w",
                        "activation",
                        "inputs"}) {
    column(k);
  }
  const nlohmann::json j = nlohmann::json::parse(summary_text_);
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const auto& l = j["layers"][i - 1];
    const auto& row = rows[i];
    SCOPED_TRACE(row[0]);
    EXPECT_EQ(row[column("name")], l["name"].get<std::string>());
    EXPECT_EQ(row[column("kind")], l["kind"].get<std::string>());
    EXPECT_EQ(std::stoll(row[column("cycles")]), l["cycles"].get<std::int64_t>());
    EXPECT_EQ(row[column("bound")], l["bound"].get<std::string>());
    double sum = std::stod(row[column("compute_cycles")]);
    for (const char* k : kStallKeys) {
      sum += std::stod(row[column(std::string("stall_") + k)]);
    }
    EXPECT_NEAR(sum, l["cycles"].get<double>(), 1e-6);
    for (const char* k : kByteKeys) {
      EXPECT_EQ(std::stoull(row[column(std::string("bytes_") + k)]), l["bytes"][k].get<std::uint64_t>()) << k;
    }
    if (l["arithmetic_intensity"].is_null()) {
      EXPECT_EQ(row[column("arithmetic_intensity")], "");
    }
  }
  EXPECT_EQ(rows[4][column("inputs")], "c1;c3");
}

// Hand-made results: the cases a real run rarely hits.
RunResult hand_made() {
  RunResult r;
  r.network = "edge";
  LayerResult a;
  a.layer = make_conv_layer("name, with \"quotes\"", 8, 8, 16, 16, 3, 3, 1, 1);
  a.macs = a.layer.macs();
  a.cycles = 1000;
  a.stalls.compute = static_cast<double>(a.macs) / 256;
  a.stalls.underuse = 1000 - a.stalls.compute;
  a.traffic = MemoryTraffic{};  // through memory, but no DRAM bytes at all
  LayerResult b;
  b.layer = make_pool_layer("empty", LayerKind::MaxPool, 4, 4, 16, 2, 2, 0);  // no cycles
  r.layers = {a, b};
  r.total_cycles = 1000;
  r.total_macs = a.macs;
  r.traffic = MemoryTraffic{};
  return r;
}

TEST(ReportFiles, NoDramBytesAndNoCyclesGiveNullsNotNans) {
  const std::string text = summary_json(hand_made());
  EXPECT_EQ(text.find("NaN"), std::string::npos);
  EXPECT_EQ(text.find("Infinity"), std::string::npos);
  const nlohmann::json j = nlohmann::json::parse(text);
  EXPECT_TRUE(j["layers"][0]["arithmetic_intensity"].is_null());
  EXPECT_EQ(j["layers"][0]["bound"], "compute");
  EXPECT_EQ(j["layers"][1]["attained_fraction"], 0.0);
  EXPECT_TRUE(j["total"]["arithmetic_intensity"].is_null());

  RunResult none = hand_made();
  none.total_cycles = 0;
  EXPECT_TRUE(nlohmann::json::parse(summary_json(none))["total"]["inferences_per_second"].is_null());
}

TEST(ReportFiles, CsvQuotesNamesWithCommasAndQuotes) {
  const auto rows = csv_rows(layers_csv(hand_made()));
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1][0], "name, with \"quotes\"");
  EXPECT_EQ(rows[1].size(), rows[0].size());
  EXPECT_EQ(rows[2][0], "empty");
}

}  // namespace
}  // namespace systolica::test
