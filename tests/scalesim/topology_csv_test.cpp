// read_scalesim_topology(): SCALE-Sim's layer CSV, the variants found in SCALE-Sim's own topology files,
// and one-line errors that name the file, the line and the column.
#include "workloads/topology_csv.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/run_command.h"
#include "workloads/layer.h"

namespace systolica {
namespace {

std::string topo(const std::string& name) {
  return test::source_dir() + "/tests/data/topologies/" + name;
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void expect_conv(const Layer& l, const std::string& name, int h, int w, int r, int s, int c, int k,
                 int stride_h, int stride_w) {
  SCOPED_TRACE(name);
  EXPECT_EQ(l.name, name);
  EXPECT_EQ(l.kind, LayerKind::Conv);
  EXPECT_EQ(l.batch, 1);
  EXPECT_EQ(l.in_h, h);
  EXPECT_EQ(l.in_w, w);
  EXPECT_EQ(l.kernel_h, r);
  EXPECT_EQ(l.kernel_w, s);
  EXPECT_EQ(l.in_c, c);
  EXPECT_EQ(l.out_c, k);
  EXPECT_EQ(l.stride_h, stride_h);
  EXPECT_EQ(l.stride_w, stride_w);
  EXPECT_EQ(l.pad_h, 0);
  EXPECT_EQ(l.pad_w, 0);
  EXPECT_EQ(l.groups, 1);
}

TEST(TopologyCsv, ReadsTheReferenceLayers) {
  const std::vector<Layer> layers = read_scalesim_topology(topo("scalesim_micro.csv"));
  ASSERT_EQ(layers.size(), 2u);
  expect_conv(layers[0], "conv1x1_56", 56, 56, 1, 1, 64, 256, 1, 1);
  expect_conv(layers[1], "conv3x3_56", 56, 56, 3, 3, 64, 64, 1, 1);
  // Unpadded, as SCALE-Sim: a 3x3 filter on 56x56 gives 54x54.
  EXPECT_EQ(layers[1].out_h(), 54);
  EXPECT_EQ(layers[1].out_w(), 54);
  EXPECT_EQ(layers[1].gemm().m, 54 * 54);
  EXPECT_EQ(layers[1].gemm().k, 3 * 3 * 64);
  EXPECT_EQ(layers[1].gemm().n, 64);
}

TEST(TopologyCsv, CrlfByteOrderMarkBlankLinesAndTrailingCommas) {
  const std::string path = topo("crlf_bom_trailing_commas.csv");
  ASSERT_NE(slurp(path).find("\r\n"), std::string::npos) << path << " lost its CRLF line endings";
  const std::vector<Layer> layers = read_scalesim_topology(path);
  ASSERT_EQ(layers.size(), 2u);
  expect_conv(layers[0], "conv1", 56, 56, 1, 1, 64, 256, 1, 1);
  expect_conv(layers[1], "conv2", 56, 56, 3, 3, 64, 64, 1, 1);
}

TEST(TopologyCsv, CrlfFromMemory) {
  // The same without relying on git keeping the file's line endings.
  const std::string text =
      "Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, Strides,\r\n"
      "\r\n"
      "a, 8, 8, 3, 3, 4, 2, 1,\r\n"
      "b, 8, 8, 1, 1, 4, 2, 2\r\n";
  const std::vector<Layer> layers = parse_scalesim_topology(text, "mem.csv");
  ASSERT_EQ(layers.size(), 2u);
  expect_conv(layers[0], "a", 8, 8, 3, 3, 4, 2, 1, 1);
  expect_conv(layers[1], "b", 8, 8, 1, 1, 4, 2, 2, 2);
}

TEST(TopologyCsv, ScaleSimHeaderAndRowVariants) {
  const std::vector<Layer> layers = read_scalesim_topology(topo("scalesim_variants.csv"));
  ASSERT_EQ(layers.size(), 5u);
  expect_conv(layers[0], "Conv1", 224, 224, 3, 3, 3, 32, 2, 2);
  expect_conv(layers[1], "Conv2_dw", 112, 112, 3, 3, 1, 1, 1, 1);  // "#dw" after the trailing comma
  expect_conv(layers[2], "Conv3", 112, 112, 1, 1, 32, 64, 1, 1);   // leading tab, no trailing comma
  expect_conv(layers[3], "Conv4", 13, 13, 3, 3, 384, 256, 1, 1);   // padded fields
  // A 9th value under an 8-column header is the stride width, as SCALE-Sim reads it.
  expect_conv(layers[4], "Conv5", 20, 20, 3, 3, 8, 8, 2, 1);
}

TEST(TopologyCsv, NoBreakSpacesAfterCommas) {
  const std::vector<Layer> layers = read_scalesim_topology(topo("no_break_spaces.csv"));
  ASSERT_EQ(layers.size(), 1u);
  expect_conv(layers[0], "fc1", 1, 1, 1, 1, 768, 3072, 1, 1);
}

TEST(TopologyCsv, OptionalStrideWidthColumn) {
  const std::vector<Layer> layers = read_scalesim_topology(topo("stride_width_column.csv"));
  ASSERT_EQ(layers.size(), 3u);
  expect_conv(layers[0], "rect", 9, 12, 3, 2, 4, 8, 2, 3);
  expect_conv(layers[1], "square", 9, 12, 3, 3, 4, 8, 2, 2);       // 9th field omitted
  expect_conv(layers[2], "empty_width", 9, 12, 3, 3, 4, 8, 2, 2);  // 9th field empty
  EXPECT_EQ(layers[0].out_h(), 4);                                 // (9 - 3)/2 + 1
  EXPECT_EQ(layers[0].out_w(), 4);                                 // (12 - 2)/3 + 1
}

TEST(TopologyCsv, BatchSizeHeaderColumnLeftEmpty) {
  const std::vector<Layer> layers = read_scalesim_topology(topo("batch_size_column.csv"));
  ASSERT_EQ(layers.size(), 2u);
  expect_conv(layers[0], "conv1", 224, 224, 7, 7, 3, 64, 1, 1);
  expect_conv(layers[1], "fc", 1, 1, 1, 1, 2048, 1000, 1, 1);
}

TEST(TopologyCsv, DepthwiseDpLayersSplitPerChannelAsScaleSimDoes) {
  const std::vector<Layer> layers = read_scalesim_topology(topo("depthwise_dp.csv"));
  ASSERT_EQ(layers.size(), 5u);
  expect_conv(layers[0], "Conv1", 10, 10, 3, 3, 3, 4, 1, 1);
  for (int i = 0; i < 3; ++i) {
    expect_conv(layers[1 + i], "Conv2DPChannel_" + std::to_string(i), 8, 8, 3, 3, 1, 1, 2, 2);
  }
  expect_conv(layers[4], "Conv3", 3, 3, 1, 1, 4, 8, 1, 1);
}

std::string error_of(const std::string& path) {
  try {
    read_scalesim_topology(path);
  } catch (const TopologyError& e) {
    return e.what();
  }
  return "(no TopologyError)";
}

struct BadCase {
  const char* file;
  int line;            // 0: the message names no line
  const char* needle;  // what the message must also say (the column and what is allowed)
};

TEST(TopologyCsv, BadFilesNameFileLineAndColumn) {
  const BadCase cases[] = {
      {"empty.csv", 1, "the file is empty; expected the header 'Layer name, IFMAP Height"},
      {"blank_lines_only.csv", 1, "the file is empty"},
      {"misspelled_header.csv", 1, "header column 4 is 'Filter Heigth'; expected 'Filter Height'"},
      {"missing_header.csv", 1, "the first line is a layer, not the header"},
      {"header_only.csv", 1, "the header is not followed by any layer"},
      {"header_too_short.csv", 1, "the header has 7 columns; expected the 8 comma-separated columns"},
      {"unknown_ninth_column.csv", 1, "header column 9 is 'Sparsity'; the only 9th columns allowed are"},
      {"tab_separated.csv", 1, "the header has 1 column; expected the 8 comma-separated columns"},
      {"gemm_topology.csv", 1, "SCALE-Sim GEMM topology"},
      {"too_few_fields.csv", 3, "found 7 fields; expected 8 (Layer name, IFMAP Height"},
      {"too_many_fields.csv", 2, "found 10 fields; expected 8 (Layer name"},
      {"non_integer.csv", 2, "column 'Filter Height': 'abc' is not a positive integer"},
      {"decimal.csv", 2, "column 'IFMAP Width': '56.0' is not a positive integer"},
      {"zero_channels.csv", 2, "column 'Channels': '0' is not a positive integer"},
      {"negative_stride.csv", 2, "column 'Strides': '-2' is not a positive integer"},
      {"missing_value.csv", 2, "column 'Filter Height': the value is missing; expected a positive integer"},
      {"too_large.csv", 2,
       "column 'Num Filter': '99999999999999999999999' is too large; the largest allowed is"},
      {"filter_wider_than_input.csv", 2, "column 'Filter Width': 7 is larger than IFMAP Width 5"},
      {"filter_taller_than_input.csv", 2, "column 'Filter Height': 3 is larger than IFMAP Height 2"},
      {"duplicate_names.csv", 5, "column 'Layer name': 'conv1' is already used on line 2"},
      {"missing_name.csv", 2, "column 'Layer name': the name is missing"},
      {"batch_size_value.csv", 2, "column 'Batch size': '4' is not allowed"},
      {"too_many_pixels.csv", 2, "M (output pixels) = 4294967296 is invalid"},  // from Layer::validate()
      {"depthwise_name_clash.csv", 4, "column 'Layer name': 'Conv2DPChannel_0' is already used on line 3"},
  };
  for (const BadCase& c : cases) {
    const std::string path = topo(std::string("bad/") + c.file);
    SCOPED_TRACE(path);
    const std::string msg = error_of(path);
    const std::string prefix = c.line > 0 ? path + ":" + std::to_string(c.line) + ": " : path + ": ";
    EXPECT_EQ(msg.rfind(prefix, 0), 0u) << msg;
    EXPECT_NE(msg.find(c.needle), std::string::npos) << msg;
    EXPECT_EQ(msg.find('\n'), std::string::npos) << "one line: " << msg;
    EXPECT_EQ(msg.find('\r'), std::string::npos) << "one line: " << msg;
  }
}

TEST(TopologyCsv, MissingFileAndDirectory) {
  const std::string missing = topo("bad/no_such_file.csv");
  const std::string msg = error_of(missing);
  EXPECT_EQ(msg, missing + ": cannot open the topology file: No such file or directory");
  const std::string dir = topo("bad");
  EXPECT_EQ(error_of(dir), dir + ": is a directory; expected a SCALE-Sim topology CSV file");
}

TEST(TopologyCsv, ErrorsAreRuntimeErrors) {
  // Callers that only know std::runtime_error (the CLI's top level) still get the message.
  try {
    read_scalesim_topology(topo("bad/non_integer.csv"));
    FAIL() << "no exception";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("non_integer.csv:2: "), std::string::npos);
  }
}

}  // namespace
}  // namespace systolica
