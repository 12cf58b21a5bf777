// Whole networks through the whole memory system, functional: every layer's output tensor, intermediate
// ones included, equals the reference network (sim/reference) bit for bit; and timing-only runs take
// exactly the cycles functional runs do. One SystemC simulation per test (gtest_discover_tests runs
// each TEST in its own process).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "sim/config/config_loader.h"
#include "sim/run/run_driver.h"
#include "tests/support/run_command.h"
#include "workloads/models/model_zoo.h"
#include "workloads/network.h"

namespace systolica::test {
namespace {

namespace fs = std::filesystem;

void expect_every_layer_exact(const Network& net, const std::vector<std::string>& sets = {}) {
  RunOptions options;
  options.functional = true;
  options.seed = 7;
  const RunResult r = run_network(load_config("", sets).arch, net, options);
  ASSERT_EQ(r.layers.size(), net.layers.size());
  for (const LayerResult& l : r.layers) {
    ASSERT_TRUE(l.functional_match.has_value()) << l.layer.name;
    EXPECT_TRUE(*l.functional_match) << l.layer.name;
  }
  EXPECT_EQ(r.total_macs, net.macs());
}

// Dilated pooling whose windows can fall entirely into the padding (output 0 by definition), after a
// dilated depthwise conv and a grouped one: the corners of the IR in one network.
TEST(NetworkRun, DilatedPoolingWithEmptyWindowsExact) {
  NetworkBuilder b("corners", TensorShape{1, 2, 2, 32});
  int x = b.conv("grouped", kNetworkInput, 32, 3, 1, 2, Activation::Relu6, 4, 2);
  Layer dw = make_conv_layer("dw", 2, 2, 32, 32, 3, 3, 1, 2);
  dw.groups = 32;
  dw.dilation_h = dw.dilation_w = 2;
  x = b.append(dw, {x});
  Layer pool = make_pool_layer("pool", LayerKind::MaxPool, 2, 2, 32, 2, 1, 2);
  pool.dilation_h = pool.dilation_w = 3;  // output 3x3; the middle row and column see only padding
  x = b.append(pool, {x});
  Layer avg = make_pool_layer("avg", LayerKind::AvgPool, 3, 3, 32, 2, 1, 2);
  avg.dilation_h = avg.dilation_w = 3;
  x = b.append(avg, {x});
  b.fully_connected("fc", x, 10);
  expect_every_layer_exact(b.finish());
}

TEST(NetworkRun, ResNet50At32x32ExactLayerByLayer) {
  expect_every_layer_exact(make_model("resnet50", 1, 32));
}

TEST(NetworkRun, MobileNetV2At32x32ExactLayerByLayer) {
  expect_every_layer_exact(make_model("mobilenetv2", 1, 32));
}

TEST(NetworkRun, ResNet18BatchTwoOutputStationaryExact) {
  expect_every_layer_exact(make_model("resnet18", 2, 32), {"array.dataflow=os"});
}

TEST(NetworkRun, MobileNetV1InputStationaryWithoutAnL2Exact) {
  expect_every_layer_exact(make_model("mobilenetv1", 1, 32),
                           {"array.dataflows=[ws,os,is]", "array.dataflow=is", "l2.capacity=0"});
}

nlohmann::json run_json(const std::string& args) {
  const fs::path out = fs::temp_directory_path() / ("systolica-net-" + std::to_string(::getpid()));
  fs::remove_all(out);
  const CommandResult r = run_command(systolica_bin() + " run --quiet " + args + " --out " + out.string());
  EXPECT_EQ(r.exit_status, 0) << r.err;
  std::ifstream in(out / "summary.json");
  nlohmann::json j = nlohmann::json::parse(in);
  fs::remove_all(out);
  return j;
}

TEST(NetworkRun, EveryOperatorExactAndTimingOnlyRunsTakeTheSameCycles) {
  for (const char* df : {"ws", "os"}) {
    SCOPED_TRACE(df);
    const std::string net = std::string("--layers ") + source_dir() + "/tests/data/networks/every_op.yaml" +
                            " --set array.dataflow=" + df;
    const nlohmann::json functional = run_json(net + " --functional");
    const nlohmann::json timing = run_json(net);
    ASSERT_EQ(functional["layers"].size(), 12u);
    ASSERT_EQ(functional["layers"].size(), timing["layers"].size());
    for (std::size_t i = 0; i < timing["layers"].size(); ++i) {
      const auto& f = functional["layers"][i];
      EXPECT_TRUE(f["functional_match"].get<bool>()) << f["name"];
      EXPECT_EQ(f["cycles"], timing["layers"][i]["cycles"]) << f["name"];
      EXPECT_EQ(f["dram_read_bytes"], timing["layers"][i]["dram_read_bytes"]) << f["name"];
    }
    EXPECT_EQ(functional["total"]["cycles"], timing["total"]["cycles"]);
  }
}

TEST(NetworkRun, IdealMemoryRunsTheSameMappingFasterAndExact) {
  const std::string net = std::string("--layers ") + source_dir() + "/tests/data/networks/every_op.yaml";
  const nlohmann::json ideal = run_json(net + " --ideal-memory --functional");
  const nlohmann::json real = run_json(net);
  ASSERT_EQ(ideal["layers"].size(), real["layers"].size());
  for (std::size_t i = 0; i < real["layers"].size(); ++i) {
    EXPECT_TRUE(ideal["layers"][i]["functional_match"].get<bool>());
    EXPECT_LT(ideal["layers"][i]["cycles"].get<std::int64_t>(),
              real["layers"][i]["cycles"].get<std::int64_t>())
        << real["layers"][i]["name"];
  }
}

// ONNX models through the binary: the ones with only array, pooling and add layers are exact in
// functional mode; operators the array cannot run are timed on the vector unit and listed as warnings.
TEST(NetworkRun, OnnxModelsRunEndToEnd) {
  const std::string dir = source_dir() + "/tests/data/onnx/";
  for (const char* model : {"conv_bn_relu_pool_fc", "mobilenet_block", "reshape_gemm", "matmul", "dilated"}) {
    SCOPED_TRACE(model);
    const nlohmann::json j = run_json("--functional --onnx " + dir + model + ".onnx");
    ASSERT_FALSE(j["layers"].empty());
    for (const auto& l : j["layers"]) EXPECT_TRUE(l["functional_match"].get<bool>()) << l["name"];
  }
  // residual.onnx has a Relu that cannot fuse (its producer has two readers): a vector layer.
  for (const char* model : {"vector_ops", "concat", "residual"}) {
    SCOPED_TRACE(model);
    const nlohmann::json j = run_json(std::string("--onnx ") + dir + model + ".onnx");
    bool has_vector = false;
    for (const auto& l : j["layers"]) has_vector |= l["kind"] == "vector";
    EXPECT_TRUE(has_vector);
    EXPECT_FALSE(j["total"]["warnings"].empty());
  }
  // Functional runs refuse operators with no functional model, with the reason.
  const CommandResult r =
      run_command(systolica_bin() + " run --quiet --functional --onnx " + dir + "vector_ops.onnx");
  EXPECT_EQ(r.exit_status, 2);
  EXPECT_NE(r.err.find("has no functional model"), std::string::npos) << r.err;
}

// Bad model files of every format: one line naming the file and what is wrong, exit status 2.
TEST(NetworkRun, BadModelFilesExitWithStatusTwo) {
  const std::string dir = source_dir() + "/tests/data/";
  const std::vector<std::string> cases = {"--onnx " + dir + "onnx/truncated.onnx",
                                          "--onnx " + dir + "onnx/random_bytes.onnx",
                                          "--onnx " + dir + "onnx/unsupported_lstm.onnx",
                                          "--onnx " + dir + "onnx/asymmetric_pad.onnx",
                                          "--onnx " + dir + "onnx/empty_graph.onnx",
                                          "--onnx " + dir + "onnx/no_inputs.onnx",
                                          "--onnx " + dir + "onnx/rank3.onnx",
                                          "--onnx /nonexistent/model.onnx",
                                          "--layers " + dir + "onnx/random_bytes.onnx",
                                          "--layers /nonexistent/net.yaml",
                                          "--topology " + dir + "onnx/random_bytes.onnx",
                                          "--model resnet51",
                                          "--model resnet50 --batch -1"};
  for (const std::string& args : cases) {
    SCOPED_TRACE(args);
    const CommandResult r = run_command(systolica_bin() + " run --quiet " + args);
    EXPECT_EQ(r.exit_status, 2) << r.err;
    EXPECT_EQ(r.err.rfind("systolica: error: ", 0), 0u) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  }
}

}  // namespace
}  // namespace systolica::test
