// The model zoo against the published layer tables (tests/data/reference/resnet50_layers.csv and
// mobilenetv2_layers.csv, read at test time): every row's shape and MACs by layer name, the row order, the
// residual edges, and the totals of all four networks.
#include "workloads/models/model_zoo.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace systolica {
namespace {

struct Row {
  std::map<std::string, std::string> field;  // column name -> text
  const std::string& operator[](const std::string& col) const { return field.at(col); }
  int num(const std::string& col) const { return std::stoi(field.at(col)); }
};

std::vector<Row> read_reference(const std::string& file) {
  const std::string path = std::string(SYSTOLICA_SOURCE_DIR) + "/tests/data/reference/" + file;
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path);
  const auto split = [](std::string line) {
    if (!line.empty() && line.back() == '\r') line.pop_back();  // CRLF line ends
    std::vector<std::string> out;
    std::stringstream ss(line);
    std::string f;
    while (std::getline(ss, f, ',')) out.push_back(f);
    if (!line.empty() && line.back() == ',') out.emplace_back();
    return out;
  };
  std::string line;
  std::getline(in, line);
  const std::vector<std::string> header = split(line);
  std::vector<Row> rows;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const std::vector<std::string> f = split(line);
    if (f.size() != header.size()) throw std::runtime_error(path + ": bad row " + line);
    Row r;
    for (std::size_t i = 0; i < f.size(); ++i) r.field[header[i]] = f[i];
    rows.push_back(r);
  }
  return rows;
}

std::map<std::string, std::size_t> index_by_name(const Network& net) {
  std::map<std::string, std::size_t> idx;
  for (std::size_t i = 0; i < net.layers.size(); ++i) {
    EXPECT_TRUE(idx.emplace(net.layers[i].name, i).second) << "duplicate name " << net.layers[i].name;
  }
  return idx;
}

// Every row of the table: shapes, window and MACs per image, by name; and the rows appear in the network
// in the table's order, with only `extra` layers in between.
void expect_matches_table(const Network& net, const std::vector<Row>& rows,
                          const std::vector<std::string>& extra) {
  const auto idx = index_by_name(net);
  ASSERT_EQ(net.layers.size(), rows.size() + extra.size());
  std::int64_t total = 0;
  std::vector<std::string> order;
  for (const Row& r : rows) {
    SCOPED_TRACE(r["name"]);
    ASSERT_TRUE(idx.count(r["name"]));
    const std::size_t i = idx.at(r["name"]);
    const Layer& l = net.layers[i];
    EXPECT_EQ(l.in_h, r.num("in_h"));
    EXPECT_EQ(l.in_w, r.num("in_w"));
    EXPECT_EQ(l.in_c, r.num("in_c"));
    EXPECT_EQ(l.out_channels(), r.num("out_c"));
    EXPECT_EQ(l.out_h(), r.num("out_h"));
    EXPECT_EQ(l.out_w(), r.num("out_w"));
    if (!r["kernel"].empty()) {
      EXPECT_EQ(l.kernel_h, r.num("kernel"));
      EXPECT_EQ(l.kernel_w, r.num("kernel"));
      EXPECT_EQ(l.stride_h, r.num("stride"));
      EXPECT_EQ(l.stride_w, r.num("stride"));
      EXPECT_EQ(l.pad_h, r.num("padding"));
      EXPECT_EQ(l.pad_w, r.num("padding"));
    }
    const std::string& type = r["type"];
    if (type.rfind("residual_add", 0) == 0) {
      EXPECT_EQ(l.kind, LayerKind::Add);
    }
    if (type.rfind("global_avgpool", 0) == 0) {
      EXPECT_EQ(l.kind, LayerKind::GlobalAvgPool);
    }
    if (type == "fc") {
      EXPECT_EQ(l.kind, LayerKind::Gemm);
    }
    if (type.find("conv") != std::string::npos) {
      EXPECT_EQ(l.kind, LayerKind::Conv);
    }
    EXPECT_EQ(l.groups > 1, type.rfind("dwconv", 0) == 0);
    EXPECT_EQ(l.macs(), std::stoll(r["macs_per_image"]));
    total += l.macs();
    order.push_back(r["name"]);
  }
  EXPECT_EQ(net.macs(), total);
  std::vector<std::string> in_net;
  for (const Layer& l : net.layers) {
    if (std::find(extra.begin(), extra.end(), l.name) == extra.end()) in_net.push_back(l.name);
  }
  EXPECT_EQ(in_net, order);
}

std::string input_name(const Network& net, std::size_t layer, std::size_t which) {
  const int p = net.layers[layer].inputs.at(which);
  return p == kNetworkInput ? "<input>" : net.layers[static_cast<std::size_t>(p)].name;
}

// "inputs: conv_5_out + conv_4_out" -> {"conv_5", "conv_4"}
std::pair<std::string, std::string> add_operands(const std::string& note) {
  const std::size_t start = note.find("conv_");
  const std::size_t plus = note.find(" + ");
  const auto strip = [](std::string s) { return s.substr(0, s.rfind("_out")); };
  return {strip(note.substr(start, plus - start)), strip(note.substr(plus + 3))};
}

// Every layer's output is read by a later layer, except the classifier's; and last_reader() names the
// last layer that lists it as an input.
void expect_last_readers(const Network& net) {
  const std::vector<std::size_t> last = net.last_reader();
  ASSERT_EQ(last.size(), net.layers.size());
  for (std::size_t i = 0; i + 1 < net.layers.size(); ++i) {
    SCOPED_TRACE(net.layers[i].name);
    ASSERT_GT(last[i], i);
    ASSERT_LT(last[i], net.layers.size());
    const auto& reads = net.layers[last[i]].inputs;
    EXPECT_NE(std::find(reads.begin(), reads.end(), static_cast<int>(i)), reads.end());
    for (std::size_t j = last[i] + 1; j < net.layers.size(); ++j) {
      const auto& later = net.layers[j].inputs;
      EXPECT_EQ(std::find(later.begin(), later.end(), static_cast<int>(i)), later.end());
    }
  }
  EXPECT_EQ(last.back(), net.layers.size());
}

TEST(ModelZoo, ResNet50MatchesTheReferenceTable) {
  const Network net = make_model("resnet50");
  const std::vector<Row> rows = read_reference("resnet50_layers.csv");
  ASSERT_EQ(rows.size(), 71u);
  expect_matches_table(net, rows, {"maxpool_1"});
  EXPECT_EQ(net.macs(), 4089184256LL);
  EXPECT_EQ(net.name, "resnet50");
  EXPECT_EQ(net.input, (TensorShape{1, 224, 224, 3}));
  // The stem pool sits between conv_1 and conv_2: 3x3/2 pad 1, 112 -> 56.
  const Layer& pool = net.layers[1];
  EXPECT_EQ(pool.name, "maxpool_1");
  EXPECT_EQ(pool.kind, LayerKind::MaxPool);
  EXPECT_EQ(pool.kernel_h, 3);
  EXPECT_EQ(pool.stride_h, 2);
  EXPECT_EQ(pool.pad_h, 1);
  EXPECT_EQ(net.output_shape(1), (TensorShape{1, 56, 56, 64}));
}

TEST(ModelZoo, ResNet50Activations) {
  const Network net = make_model("resnet50");
  const auto idx = index_by_name(net);
  for (const Row& r : read_reference("resnet50_layers.csv")) {
    SCOPED_TRACE(r["name"]);
    const Layer& l = net.layers[idx.at(r["name"])];
    // ReLU after every conv but the projection and a block's last 1x1 (the one that expands 4x); the
    // add carries it.
    const bool projection = r["type"].find("projection") != std::string::npos;
    const bool expand = l.kernel_h == 1 && l.out_c == 4 * l.in_c;
    const bool relu = l.kind == LayerKind::Add || (l.kind == LayerKind::Conv && !projection && !expand);
    EXPECT_EQ(l.activation, relu ? Activation::Relu : Activation::None);
  }
}

// The residual edges. The table's note "conv_X_out + conv_Y_out" names the shortcut by the conv that
// ends the previous block: that block's output is X's add (the first resadd after X), unless X is a
// projection shortcut, whose output is read directly. Y, the block's last conv, is read directly.
TEST(ModelZoo, ResNet50ResidualEdges) {
  const Network net = make_model("resnet50");
  const auto idx = index_by_name(net);
  const std::vector<Row> rows = read_reference("resnet50_layers.csv");
  int adds = 0;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    if (rows[r]["type"].rfind("residual_add", 0) != 0) continue;
    ++adds;
    SCOPED_TRACE(rows[r]["name"]);
    const auto [x, y] = add_operands(rows[r]["note"]);
    std::string shortcut = x;
    const auto xr = std::find_if(rows.begin(), rows.end(), [&](const Row& row) { return row["name"] == x; });
    ASSERT_NE(xr, rows.end());
    if ((*xr)["type"].find("projection") == std::string::npos) {
      const auto add =
          std::find_if(xr, rows.end(), [](const Row& row) { return row["type"].rfind("residual", 0) == 0; });
      shortcut = (*add)["name"];
    }
    const std::size_t i = idx.at(rows[r]["name"]);
    EXPECT_EQ(input_name(net, i, 0), shortcut);
    EXPECT_EQ(input_name(net, i, 1), y);
    EXPECT_EQ(net.layers[i].activation, Activation::Relu);
  }
  EXPECT_EQ(adds, 16);
  // A projection reads the block's input, as the block's first conv does.
  const std::pair<const char*, const char*> projections[] = {
      {"conv_5", "conv_2"}, {"conv_15", "conv_12"}, {"conv_28", "conv_25"}, {"conv_47", "conv_44"}};
  for (const auto& [proj, first] : projections) {
    EXPECT_EQ(input_name(net, idx.at(proj), 0), input_name(net, idx.at(first), 0)) << proj;
  }
  EXPECT_EQ(input_name(net, idx.at("conv_5"), 0), "maxpool_1");
  EXPECT_EQ(input_name(net, idx.at("conv_15"), 0), "resadd_3");
  EXPECT_EQ(input_name(net, idx.at("conv_2"), 0), "maxpool_1");
  EXPECT_EQ(input_name(net, idx.at("conv_6"), 0), "resadd_1");
  EXPECT_EQ(input_name(net, idx.at("global_avg_pool"), 0), "resadd_16");
  EXPECT_EQ(input_name(net, idx.at("fc_54"), 0), "global_avg_pool");
}

TEST(ModelZoo, MobileNetV2MatchesTheReferenceTable) {
  const Network net = make_model("mobilenetv2");
  const std::vector<Row> rows = read_reference("mobilenetv2_layers.csv");
  ASSERT_EQ(rows.size(), 64u);
  expect_matches_table(net, rows, {});
  EXPECT_EQ(net.macs(), 300774272LL);
  const auto depthwise = std::count_if(net.layers.begin(), net.layers.end(), [](const Layer& l) {
    return l.kind == LayerKind::Conv && l.groups == l.in_c && l.groups > 1;
  });
  EXPECT_EQ(depthwise, 17);
  for (const Layer& l : net.layers) {
    SCOPED_TRACE(l.name);
    // Expansions (and the stem and the head's 1x1, which also widen) and depthwise convs: ReLU6.
    const bool relu6 = l.name.rfind("conv_dw_", 0) == 0 || (l.kind == LayerKind::Conv && l.out_c > l.in_c);
    EXPECT_EQ(l.activation, relu6 ? Activation::Relu6 : Activation::None);
  }
}

// The note "conv_X_out + conv_Y_out" names the previous block by its projection X; its output is X's
// residual add when it has one.
TEST(ModelZoo, MobileNetV2ResidualEdges) {
  const Network net = make_model("mobilenetv2");
  const auto idx = index_by_name(net);
  int adds = 0;
  for (const Row& r : read_reference("mobilenetv2_layers.csv")) {
    if (r["type"] != "residual_add") continue;
    ++adds;
    SCOPED_TRACE(r["name"]);
    const auto [x, y] = add_operands(r["note"]);
    const std::string shortcut = idx.count("resadd_after_" + x) ? "resadd_after_" + x : x;
    const std::size_t i = idx.at(r["name"]);
    EXPECT_EQ(input_name(net, i, 0), shortcut);
    EXPECT_EQ(input_name(net, i, 1), y);
    EXPECT_EQ(r["name"], "resadd_after_" + y);
  }
  EXPECT_EQ(adds, 10);
  EXPECT_EQ(input_name(net, idx.at("conv_19"), 0), "resadd_after_conv_18");
  EXPECT_EQ(input_name(net, idx.at("conv_10"), 0), "resadd_after_conv_9");
  EXPECT_EQ(input_name(net, idx.at("conv_7"), 0), "conv_6");
}

TEST(ModelZoo, ResNet18AndMobileNetV1Totals) {
  const Network r18 = make_model("resnet18");
  EXPECT_EQ(r18.macs(), 1814073344LL);  // 1.81 G: 1,813,561,344 in convs + 512,000 in the fc
  EXPECT_EQ(r18.layers.back().name, "fc_21");
  EXPECT_EQ(std::count_if(r18.layers.begin(), r18.layers.end(),
                          [](const Layer& l) { return l.kind == LayerKind::Add; }),
            8);
  const Network v1 = make_model("mobilenetv1");
  EXPECT_EQ(v1.macs(), 568740352LL);  // 569 M: 567,716,352 in convs + 1,024,000 in the fc
  EXPECT_EQ(v1.layers.back().name, "fc_28");
  EXPECT_EQ(std::count_if(v1.layers.begin(), v1.layers.end(), [](const Layer& l) { return l.groups > 1; }),
            13);
  for (const Layer& l : v1.layers) {
    if (l.kind == LayerKind::Conv) {
      EXPECT_EQ(l.activation, Activation::Relu6) << l.name;
    }
  }
  // ResNet-18's blocks: 3x3 (ReLU), 3x3 (linear), add (ReLU); projections at the three downsamplings.
  const auto idx = index_by_name(r18);
  EXPECT_EQ(input_name(r18, idx.at("resadd_1"), 0), "maxpool_1");
  EXPECT_EQ(input_name(r18, idx.at("resadd_1"), 1), "conv_3");
  EXPECT_EQ(input_name(r18, idx.at("resadd_3"), 0), "conv_8");  // conv_6, conv_7, then the projection
  EXPECT_EQ(r18.layers[idx.at("conv_8")].stride_h, 2);
  EXPECT_EQ(input_name(r18, idx.at("conv_8"), 0), "resadd_2");
}

TEST(ModelZoo, EveryTensorHasALastReader) {
  for (const std::string& name : model_names()) {
    SCOPED_TRACE(name);
    expect_last_readers(make_model(name));
  }
  // In ResNet-50 the block input lives until the projection, which follows the main branch.
  const Network net = make_model("resnet50");
  const auto idx = index_by_name(net);
  const std::vector<std::size_t> last = net.last_reader();
  EXPECT_EQ(last[idx.at("maxpool_1")], idx.at("conv_5"));
  EXPECT_EQ(last[idx.at("resadd_3")], idx.at("conv_15"));
  EXPECT_EQ(last[idx.at("resadd_1")], idx.at("resadd_2"));
  EXPECT_EQ(last[idx.at("conv_4")], idx.at("resadd_1"));
  EXPECT_EQ(last[idx.at("fc_54")], net.layers.size());
}

TEST(ModelZoo, BatchMultipliesMacs) {
  for (const std::string& name : model_names()) {
    SCOPED_TRACE(name);
    const Network one = make_model(name);
    const Network four = make_model(name, 4);
    EXPECT_EQ(four.macs(), 4 * one.macs());
    EXPECT_EQ(four.weight_bytes(), one.weight_bytes());
    EXPECT_EQ(four.input, (TensorShape{4, 224, 224, 3}));
    EXPECT_EQ(four.output_shape(four.layers.size() - 1), (TensorShape{4, 1, 1, 1000}));
  }
}

TEST(ModelZoo, SmallResolutionBuildsAValidNetwork) {
  for (const std::string& name : model_names()) {
    SCOPED_TRACE(name);
    const Network net = make_model(name, 2, 32);
    net.validate();
    EXPECT_EQ(net.input, (TensorShape{2, 32, 32, 3}));
    const std::size_t gap = net.layers.size() - 2;
    EXPECT_EQ(net.layers[gap].kind, LayerKind::GlobalAvgPool);
    EXPECT_EQ(net.input_shape(gap).h, 1);
    EXPECT_EQ(net.input_shape(gap).w, 1);
    EXPECT_EQ(net.output_shape(net.layers.size() - 1), (TensorShape{2, 1, 1, 1000}));
    EXPECT_EQ(net.weight_bytes(), make_model(name).weight_bytes());  // weights do not depend on resolution
  }
}

TEST(ModelZoo, BadArgumentsNameWhatIsAllowed) {
  EXPECT_EQ(model_names(), (std::vector<std::string>{"resnet18", "resnet50", "mobilenetv1", "mobilenetv2"}));
  try {
    make_model("resnet51");
    FAIL() << "no error";
  } catch (const std::invalid_argument& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find("'resnet51'"), std::string::npos) << msg;
    EXPECT_NE(msg.find("resnet18, resnet50, mobilenetv1, mobilenetv2"), std::string::npos) << msg;
  }
  EXPECT_THROW(make_model("resnet50", 0), std::invalid_argument);
  EXPECT_THROW(make_model("resnet50", 1, 0), std::invalid_argument);
  EXPECT_THROW(make_model("mobilenetv2", -3), std::invalid_argument);
}

}  // namespace
}  // namespace systolica
