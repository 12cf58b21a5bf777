// The YAML layer-list importer: a good file builds the network NetworkBuilder builds by hand, and every
// class of bad input is one ModelFileError line naming the file, the line and the key.
#include "workloads/import/layer_list.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <string>

#include "workloads/import/model_file_error.h"
#include "workloads/import/topology_network.h"

namespace systolica {
namespace {

std::string data(const std::string& file) {
  return std::string(SYSTOLICA_SOURCE_DIR) + "/tests/data/" + file;
}

// Writes `text` to a fresh file named `name` in the test's temporary directory.
std::string write(const std::string& name, const std::string& text) {
  const std::filesystem::path dir = std::filesystem::path(::testing::TempDir()) / "layer_list_test";
  std::filesystem::create_directories(dir);
  const std::string path = (dir / name).string();
  std::ofstream(path) << text;
  return path;
}

void expect_error(const std::string& path, std::initializer_list<std::string> parts, int batch = 0) {
  try {
    load_layer_list(path, batch);
    FAIL() << "no ModelFileError for " << path;
  } catch (const ModelFileError& e) {
    const std::string msg = e.what();
    EXPECT_EQ(msg.rfind(path, 0), 0u) << "does not start with the path: " << msg;
    EXPECT_EQ(msg.find('\n'), std::string::npos) << msg;
    for (const std::string& p : parts)
      EXPECT_NE(msg.find(p), std::string::npos) << "'" << p << "' not in: " << msg;
  }
}

// `text` as a file named `name`, expected to fail with a message holding "<path>:<line>:" and `parts`.
void expect_error_at(const std::string& name, const std::string& text, int line,
                     std::initializer_list<std::string> parts) {
  const std::string path = write(name, text);
  expect_error(path, {path + ":" + std::to_string(line) + ": "});
  expect_error(path, parts);
}

const std::string kHead = "input: {h: 8, w: 8, c: 4}\nlayers:\n";  // layers start on line 3

void expect_same_layer(const Layer& a, const Layer& b) {
  SCOPED_TRACE(a.name);
  EXPECT_EQ(a.name, b.name);
  EXPECT_EQ(a.kind, b.kind);
  EXPECT_EQ(a.batch, b.batch);
  EXPECT_EQ(a.in_h, b.in_h);
  EXPECT_EQ(a.in_w, b.in_w);
  EXPECT_EQ(a.in_c, b.in_c);
  EXPECT_EQ(a.out_c, b.out_c);
  EXPECT_EQ(a.kernel_h, b.kernel_h);
  EXPECT_EQ(a.kernel_w, b.kernel_w);
  EXPECT_EQ(a.stride_h, b.stride_h);
  EXPECT_EQ(a.stride_w, b.stride_w);
  EXPECT_EQ(a.pad_h, b.pad_h);
  EXPECT_EQ(a.pad_w, b.pad_w);
  EXPECT_EQ(a.dilation_h, b.dilation_h);
  EXPECT_EQ(a.dilation_w, b.dilation_w);
  EXPECT_EQ(a.groups, b.groups);
  EXPECT_EQ(a.activation, b.activation);
  EXPECT_EQ(a.inputs, b.inputs);
  EXPECT_EQ(a.vector_op, b.vector_op);
  EXPECT_EQ(a.vector_ops_per_element, b.vector_ops_per_element);
}

TEST(LayerList, GoodFileBuildsTheNetwork) {
  const Network net = load_layer_list(data("networks/tiny_layers.yaml"));
  NetworkBuilder b("tiny", TensorShape{1, 32, 32, 3});
  const int c1 = b.conv("c1", kNetworkInput, 16, 3, 1, 1, Activation::Relu);
  const int c2 = b.depthwise("c2", c1, 3, 1, 1, Activation::Relu6);
  const int c3 = b.conv("c3", c2, 16, 1, 1, 0);
  const int sum = b.add("sum", c1, c3, Activation::Relu);
  const int p = b.max_pool("p", sum, 2, 2, 0);
  Layer down;
  down.name = "down";
  down.out_c = 32;
  down.kernel_h = 3;
  down.stride_h = down.stride_w = 2;
  down.pad_h = 1;
  down.groups = 2;
  down.activation = Activation::HardSwish;
  const int d = b.append(down, {p});
  const int a = b.avg_pool("a", d, 2, 2, 0);
  b.conv("side", kNetworkInput, 8, 3, 2, 1, Activation::None, 1, 2);
  const int g = b.global_avg_pool("g", a);
  const int fc = b.fully_connected("fc", g, 10);
  b.vector("sm", fc, "Softmax", 4);
  const Network want = b.finish();

  EXPECT_EQ(net.name, "tiny");
  EXPECT_EQ(net.input, want.input);
  ASSERT_EQ(net.layers.size(), want.layers.size());
  for (std::size_t i = 0; i < net.layers.size(); ++i) expect_same_layer(net.layers[i], want.layers[i]);
  EXPECT_EQ(net.output_shape(5), (TensorShape{1, 8, 8, 32}));
  EXPECT_EQ(net.output_shape(7), (TensorShape{1, 15, 15, 8}));
  EXPECT_EQ(net.macs(), want.macs());
}

// The example in docs/layer_list.md loads, so the documentation cannot drift from the reader.
TEST(LayerList, DocumentedExampleLoads) {
  std::ifstream in(std::string(SYSTOLICA_SOURCE_DIR) + "/docs/layer_list.md");
  ASSERT_TRUE(in);
  std::string line, yaml;
  bool inside = false;
  while (std::getline(in, line)) {
    if (line == "```yaml") {
      inside = true;
    } else if (inside && line == "```") {
      break;
    } else if (inside) {
      yaml += line + "\n";
    }
  }
  const Network net = load_layer_list(write("doc_example.yaml", yaml));
  EXPECT_EQ(net.name, "tiny");
  ASSERT_EQ(net.layers.size(), 7u);
  EXPECT_EQ(net.layers[3].inputs, (std::vector<int>{1, 2}));
  EXPECT_EQ(net.output_shape(6), (TensorShape{1, 1, 1, 10}));
}

TEST(LayerList, BatchFromTheFileOrTheOverride) {
  const std::string path = write("batch.yaml",
                                 "name: b\ninput: {h: 4, w: 4, c: 2, batch: 3}\nlayers:\n"
                                 "  - {name: fc, type: fc, out_c: 5}\n");
  EXPECT_EQ(load_layer_list(path).layers[0].batch, 3);
  const Network net = load_layer_list(path, 8);
  EXPECT_EQ(net.input.n, 8);
  EXPECT_EQ(net.layers[0].batch, 8);
  EXPECT_EQ(net.layers[0].in_c, 32);
  EXPECT_THROW(load_layer_list(path, -1), std::invalid_argument);
  // Without a name the network is named after the file.
  EXPECT_EQ(load_layer_list(write("unnamed.yaml", kHead + "  - {name: fc, type: fc, out_c: 5}\n")).name,
            "unnamed");
}

TEST(LayerList, MissingFileOrDirectory) {
  const std::string missing = write("exists.yaml", "") + ".nope";
  expect_error(missing, {"cannot open", "No such file"});
  expect_error(std::filesystem::path(missing).parent_path().string(), {"is a directory"});
}

TEST(LayerList, MalformedYaml) {
  // yaml-cpp reports an unclosed flow map where the input ends, after line 4.
  expect_error_at("malformed.yaml", kHead + "  - {name: c1, type: conv\n  - x\n", 5,
                  {"malformed YAML at column 1: end of map flow not found"});
  expect_error_at("top_list.yaml", "- a\n- b\n", 1, {"the top level is a list; expected a map"});
  expect_error(write("empty.yaml", "# nothing but a comment\n"),
               {"empty.yaml: the file is empty; expected a map"});
}

TEST(LayerList, UnknownKey) {
  expect_error_at("unknown_key.yaml",
                  kHead +
                      "  - {name: c0, type: conv, out_c: 4, kernel: 1}\n"
                      "  - {name: c1, type: conv, out_c: 4, kernal: 3}\n",
                  4,
                  {"layer 'c1': unknown key 'kernal' (did you mean 'kernel'?); allowed for conv: name, type, "
                   "input, inputs"});
  expect_error_at(
      "unknown_top.yaml", "input: {h: 8, w: 8, c: 4}\nlayer: []\n", 2,
      {"unknown key 'layer' (did you mean 'layers'?); allowed at the top level: name, input, layers"});
  expect_error_at("unknown_input_key.yaml", "input: {h: 8, w: 8, channels: 4}\n", 1,
                  {"input: unknown key 'channels'; allowed: h, w, c, batch"});
  // A key of another type does not apply.
  expect_error_at("wrong_type_key.yaml", kHead + "  - {name: p, type: maxpool, kernel: 2, out_c: 4}\n", 3,
                  {"layer 'p': unknown key 'out_c'; allowed for maxpool"});
}

TEST(LayerList, DuplicateKeyAndName) {
  expect_error_at("dup_key.yaml",
                  kHead + "  - name: c1\n    type: conv\n    out_c: 4\n    kernel: 1\n    out_c: 8\n", 7,
                  {"layer 'c1': key 'out_c' appears twice (also on line 5)"});
  expect_error_at("dup_name.yaml",
                  kHead +
                      "  - {name: c1, type: conv, out_c: 4, kernel: 1}\n"
                      "  - {name: c1, type: conv, out_c: 4, kernel: 1}\n",
                  4, {"layer 'c1': key 'name': 'c1' is already the name of the layer on line 3"});
  expect_error_at("reserved_name.yaml", kHead + "  - {name: input, type: gavgpool}\n", 3,
                  {"key 'name': 'input' names the network input"});
}

TEST(LayerList, WrongValueType) {
  expect_error_at("not_int.yaml", kHead + "  - {name: c1, type: conv, out_c: 4, kernel: three}\n", 3,
                  {"layer 'c1': key 'kernel': 'three' is not an integer; expected an integer from 1 to"});
  expect_error_at("float.yaml", kHead + "  - {name: c1, type: conv, out_c: 2.5, kernel: 1}\n", 3,
                  {"key 'out_c': '2.5' is not an integer"});
  expect_error_at("list_int.yaml", kHead + "  - {name: c1, type: conv, out_c: 4, kernel: [3, 3]}\n", 3,
                  {"key 'kernel': found a list; expected an integer"});
  expect_error_at("map_layer.yaml", kHead + "  - c1\n", 3, {"layer 1: the entry is 'c1'; expected a map"});
  expect_error_at("layers_map.yaml", "input: {h: 8, w: 8, c: 4}\nlayers: {a: 1}\n", 2,
                  {"key 'layers': found a map; expected a list"});
  expect_error_at("name_list.yaml", kHead + "  - {name: [a], type: gavgpool}\n", 3,
                  {"layer 1: key 'name': found a list; expected a name"});
  expect_error_at("bad_act.yaml",
                  kHead + "  - {name: c1, type: conv, out_c: 4, kernel: 1, activation: gelu}\n", 3,
                  {"key 'activation': unknown activation 'gelu'; allowed: none, relu, relu6, hswish"});
  expect_error_at("bad_ops.yaml", kHead + "  - {name: v, type: vector, op: Exp, ops_per_element: lots}\n", 3,
                  {"key 'ops_per_element': 'lots' is not a number"});
}

TEST(LayerList, UnknownLayerType) {
  expect_error_at("bad_type.yaml", kHead + "  - {name: c1, type: convolution, out_c: 4}\n", 3,
                  {"layer 'c1': key 'type': unknown type 'convolution'; allowed: conv, dwconv, fc, maxpool"});
  expect_error_at("typo_type.yaml", kHead + "  - {name: p, type: maxpol, kernel: 2}\n", 3,
                  {"unknown type 'maxpol' (did you mean 'maxpool'?); allowed: conv, dwconv"});
}

TEST(LayerList, MissingRequiredKeys) {
  expect_error_at("no_name.yaml", kHead + "  - {type: gavgpool}\n", 3, {"layer 1: key 'name' is missing"});
  expect_error_at("no_type.yaml", kHead + "  - {name: g}\n", 3, {"layer 'g': key 'type' is missing"});
  expect_error_at("no_out_c.yaml", kHead + "  - {name: c1, type: conv, kernel: 1}\n", 3,
                  {"layer 'c1': key 'out_c' is missing"});
  expect_error_at("no_kernel.yaml", kHead + "  - {name: c1, type: conv, out_c: 4}\n", 3,
                  {"layer 'c1': key 'kernel' is missing"});
  expect_error_at("half_kernel.yaml", kHead + "  - {name: c1, type: conv, out_c: 4, kernel_h: 3}\n", 3,
                  {"layer 'c1': key 'kernel_w' is missing"});
  expect_error_at("both_kernel.yaml",
                  kHead + "  - {name: c1, type: conv, out_c: 4, kernel: 3, kernel_w: 1}\n", 3,
                  {"key 'kernel_w': give either 'kernel' or 'kernel_h'/'kernel_w'"});
  expect_error_at("no_input.yaml", "layers:\n  - {name: g, type: gavgpool}\n", 1, {"key 'input' is missing"});
  expect_error_at("no_h.yaml", "input: {w: 8, c: 4}\nlayers:\n  - {name: g, type: gavgpool}\n", 1,
                  {"input: key 'h' is missing"});
  expect_error_at("add_one.yaml", kHead + "  - {name: s, type: add, input: input}\n", 3,
                  {"layer 's': key 'input': 1 name given; this layer takes 2"});
  expect_error_at("add_none.yaml", kHead + "  - {name: s, type: add}\n", 3,
                  {"layer 's': key 'inputs' is missing; an add takes two inputs"});
}

TEST(LayerList, UnknownInputName) {
  expect_error_at("bad_input.yaml",
                  kHead +
                      "  - {name: c1, type: conv, out_c: 4, kernel: 1}\n"
                      "  - {name: c2, type: conv, out_c: 4, kernel: 1, input: c9}\n",
                  4, {"layer 'c2': key 'input': 'c9' is not a layer above this one"});
  expect_error_at("forward_input.yaml",
                  kHead +
                      "  - {name: s, type: add, inputs: [c1, input]}\n"
                      "  - {name: c1, type: conv, out_c: 4, kernel: 1}\n",
                  3, {"layer 's': key 'inputs': 'c1' is not a layer above this one"});
  expect_error_at("both_inputs.yaml",
                  kHead + "  - {name: g, type: gavgpool, input: input, inputs: [input]}\n", 3,
                  {"key 'inputs': give either 'input' or 'inputs'"});
}

TEST(LayerList, ZeroAndNegativeSizes) {
  expect_error_at("zero_out.yaml", kHead + "  - {name: c1, type: conv, out_c: 0, kernel: 1}\n", 3,
                  {"layer 'c1': key 'out_c': 0 is out of range; expected an integer from 1 to 16777216"});
  expect_error_at("neg_pad.yaml", kHead + "  - {name: c1, type: conv, out_c: 4, kernel: 3, pad: -1}\n", 3,
                  {"key 'pad': -1 is out of range; expected an integer from 0 to"});
  expect_error_at("zero_h.yaml", "input: {h: 0, w: 8, c: 4}\nlayers:\n  - {name: g, type: gavgpool}\n", 1,
                  {"input: key 'h': 0 is out of range"});
  expect_error_at("huge.yaml", kHead + "  - {name: c1, type: conv, out_c: 99999999999999999999, kernel: 1}\n",
                  3, {"key 'out_c': 99999999999999999999 is out of range"});
  expect_error_at("zero_batch.yaml",
                  "input: {h: 8, w: 8, c: 4, batch: 0}\nlayers:\n  - {name: g, type: gavgpool}\n", 1,
                  {"input: key 'batch': 0 is out of range"});
}

TEST(LayerList, ShapeErrorsNameTheLine) {
  expect_error_at("too_big.yaml",
                  kHead +
                      "  - {name: c1, type: conv, out_c: 4, kernel: 1}\n"
                      "  - {name: c2, type: conv, out_c: 4, kernel: 9}\n",
                  4, {"layer 'c2': kernel_h = 9 is invalid"});
  expect_error_at("add_shapes.yaml",
                  kHead +
                      "  - {name: c1, type: conv, out_c: 4, kernel: 3, stride: 2, pad: 1}\n"
                      "  - {name: s, type: add, inputs: [input, c1]}\n",
                  4,
                  {"layer 's': adds the network input (8x8x4) and 'c1' (4x4x4); an add needs equal shapes"});
  expect_error_at("groups.yaml", kHead + "  - {name: c1, type: conv, out_c: 4, kernel: 1, groups: 3}\n", 3,
                  {"layer 'c1': groups = 3 is invalid; must divide in_c"});
  expect_error_at("declared.yaml",
                  kHead +
                      "  - {name: c1, type: conv, out_c: 6, kernel: 1}\n"
                      "  - {name: c2, type: conv, out_c: 4, kernel: 1, in_c: 4}\n",
                  4, {"layer 'c2': key 'in_c': 4 is declared but the input gives 6"});
}

TEST(LayerList, EmptyLayerList) {
  expect_error_at("no_layers.yaml", "input: {h: 8, w: 8, c: 4}\nlayers: []\n", 2,
                  {"key 'layers': found an empty list; expected a list of at least one layer"});
  expect_error_at("missing_layers.yaml", "input: {h: 8, w: 8, c: 4}\n", 1, {"key 'layers' is missing"});
}

TEST(LayerList, ControlCharactersStayOnOneLine) {
  expect_error_at("newline_name.yaml", kHead + "  - {name: \"a\\nb\", type: gavgpool, kernel: 2}\n", 3,
                  {"layer 'a b': unknown key 'kernel'"});
}

TEST(TopologyNetwork, EveryLayerReadsItsOwnInput) {
  const Network net = topology_network(data("networks/tiny_net.csv"), 2);
  EXPECT_EQ(net.name, "tiny_net");
  ASSERT_EQ(net.layers.size(), 5u);
  EXPECT_EQ(net.input, (TensorShape{2, 38, 38, 3}));
  for (const Layer& l : net.layers) {
    EXPECT_TRUE(l.inputs.empty()) << l.name;
    EXPECT_EQ(l.batch, 2) << l.name;
  }
  EXPECT_EQ(net.input_shape(4), (TensorShape{2, 1, 1, 512}));
  std::int64_t macs = 0;
  for (const Layer& l : net.layers) macs += l.macs();
  EXPECT_EQ(net.macs(), macs);
  EXPECT_THROW(topology_network(data("networks/tiny_net.csv"), 0), std::invalid_argument);
}

TEST(TopologyNetwork, ReaderErrorsBecomeModelFileErrors) {
  const std::string missing = data("networks/no_such_topology.csv");
  try {
    topology_network(missing);
    FAIL() << "no error";
  } catch (const ModelFileError& e) {
    EXPECT_EQ(std::string(e.what()).rfind(missing + ": cannot open", 0), 0u) << e.what();
  }
  const std::string bad = write("bad_topology.csv",
                                "Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter "
                                "Width, Channels, Num Filter, Strides,\nc1, 8, 8, 3, 3, 0, 4, 1,\n");
  try {
    topology_network(bad);
    FAIL() << "no error";
  } catch (const ModelFileError& e) {
    EXPECT_EQ(std::string(e.what()).rfind(bad + ":2: ", 0), 0u) << e.what();
  }
}

}  // namespace
}  // namespace systolica
