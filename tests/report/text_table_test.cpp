// The terminal table: short shapes per kind, names cut to fit, and no line wider than 120 characters for
// ResNet-50's layers, for very long layer names, and for a real run.
#include "sim/report/text_table.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "tests/support/run_command.h"
#include "workloads/models/model_zoo.h"

namespace systolica {
namespace {

// The longest line of `text` and what it says, for the failure message.
std::size_t widest(const std::string& text, std::string* line_out = nullptr) {
  std::stringstream ss(text);
  std::size_t w = 0;
  for (std::string line; std::getline(ss, line);) {
    if (line.size() > w) {
      w = line.size();
      if (line_out) {
        *line_out = line;
      }
    }
  }
  return w;
}

// A plausible result for every layer of `net`, with the widest numbers each column can get: long cycle
// counts, every stall category present, traffic in GiB.
RunResult fake_run(const Network& net, TimingMode mode = TimingMode::Native, bool functional = false) {
  RunResult r;
  r.mode = mode;
  r.functional = functional;
  r.network = net.name;
  r.warnings = {"skipped 2 x Dropout (no effect at inference)"};
  MemoryTraffic total;
  for (std::size_t i = 0; i < net.layers.size(); ++i) {
    LayerResult l;
    l.layer = net.layers[i];
    l.macs = l.layer.macs();
    l.cycles = 1234567890 + static_cast<std::int64_t>(i);
    l.utilization = utilization(r.arch, l.macs, l.cycles);
    if (mode == TimingMode::Native) {
      l.stalls.compute = static_cast<double>(l.macs) / 256;
      const std::int64_t rest = l.cycles - static_cast<std::int64_t>(l.stalls.compute);
      l.stalls.fill_drain = rest / 2;
      l.stalls.scratchpad_banks = rest / 4;
      l.stalls.dram = rest / 8;
      l.stalls.store = rest / 16;
      l.stalls.underuse = static_cast<double>(l.cycles) - l.stalls.sum() + l.stalls.underuse;
      MemoryTraffic t;
      t.dram_read_bytes = 999ull << 30;
      t.dram_write_bytes = 1000ull << 20;
      t.dma_load_bytes = 123456789012;
      t.dma_store_bytes = 1023;
      t.scratchpad_read_bytes = 1ull << 40;
      t.l2_hits = 1, t.l2_misses = 2, t.dram_row_hits = 3, t.dram_row_misses = 1;
      l.traffic = t;
      total += t;
    }
    if (functional) {
      l.functional_match = i % 2 == 0;
    }
    r.total_cycles += l.cycles;
    r.total_macs += l.macs;
    r.layers.push_back(l);
  }
  if (mode == TimingMode::Native) {
    r.traffic = total;
  }
  r.wall_seconds = 1;
  return r;
}

std::string table(const RunResult& r) {
  std::ostringstream os;
  print_run_table(os, r);
  return os.str();
}

TEST(TextTable, ShortShapesByKind) {
  EXPECT_EQ(short_shape(make_conv_layer("c", 56, 56, 64, 64, 3, 3, 1, 1)), "conv 56x56x64>64 3x3/1");
  Layer dw = make_conv_layer("dw", 112, 112, 32, 32, 3, 3, 2, 1);
  dw.groups = 32;
  EXPECT_EQ(short_shape(dw), "dw 112x112x32 3x3/2");
  Layer grouped = make_conv_layer("g", 16, 16, 16, 32, 3, 1, 1, 0);
  grouped.groups = 2;
  grouped.dilation_h = grouped.dilation_w = 2;
  EXPECT_EQ(short_shape(grouped), "conv 16x16x16>32 3x1/1 d2 g2");
  EXPECT_EQ(short_shape(make_gemm_layer("fc", 1, 1000, 2048)), "fc 2048>1000");
  EXPECT_EQ(short_shape(make_gemm_layer("mm", 3136, 64, 576)), "fc 3136x576>64");
  EXPECT_EQ(short_shape(make_pool_layer("p", LayerKind::MaxPool, 112, 112, 64, 3, 2, 1)),
            "maxpool 112x112x64 3x3/2");
  Layer add = make_pool_layer("a", LayerKind::Add, 56, 56, 256, 1, 1, 0);
  add.kernel_h = add.kernel_w = 1;
  EXPECT_EQ(short_shape(add), "add 56x56x256");
  Layer gap = make_pool_layer("g", LayerKind::GlobalAvgPool, 7, 7, 2048, 7, 1, 0);
  EXPECT_EQ(short_shape(gap), "gavgpool 7x7x2048");
  Layer softmax = gap;
  softmax.kind = LayerKind::Vector;
  softmax.vector_op = "Softmax";
  EXPECT_EQ(short_shape(softmax), "Softmax 7x7x2048");
}

TEST(TextTable, FitKeepsBothEndsOfALongName) {
  EXPECT_EQ(fit("conv_1", 10), "conv_1");
  EXPECT_EQ(fit("abcdefghijklmnop", 10), "abc...mnop");
  EXPECT_EQ(fit("abcdefghijklmnop", 10).size(), 10u);
  EXPECT_EQ(fit("abcdef", 3), "abc");
  // Never cuts a UTF-8 character in half: the result is shorter rather than invalid.
  const std::string s = "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9";  // six e-acute, 12 bytes
  const std::string f = fit(s, 9);
  EXPECT_LE(f.size(), 9u);
  for (std::size_t i = 0; i < f.size(); ++i) {
    if ((static_cast<unsigned char>(f[i]) & 0xE0) == 0xC0) {
      ASSERT_LT(i + 1, f.size());
      EXPECT_EQ(static_cast<unsigned char>(f[i + 1]) & 0xC0, 0x80);
    }
  }
}

TEST(TextTable, ResNet50FitsIn120Columns) {
  const Network net = make_model("resnet50");
  for (const bool functional : {false, true}) {
    const std::string t = table(fake_run(net, TimingMode::Native, functional));
    std::string line;
    EXPECT_LE(widest(t, &line), kTableWidth) << line;
    EXPECT_NE(t.find("conv_1 "), std::string::npos);
    EXPECT_NE(t.find("conv 224x224x3>64 7x7/2"), std::string::npos) << t;
    EXPECT_NE(t.find("maxpool 112x112x64 3x3/2"), std::string::npos);
    EXPECT_NE(t.find("fc 2048>1000"), std::string::npos);
    EXPECT_NE(t.find("warning: skipped 2 x Dropout"), std::string::npos);
    EXPECT_NE(t.find("inferences/s"), std::string::npos);
    EXPECT_NE(t.find("memory-bound"), std::string::npos);
  }
  std::string line;
  EXPECT_LE(widest(table(fake_run(net, TimingMode::ScaleSim)), &line), kTableWidth) << line;
}

TEST(TextTable, LongLayerNamesAreCutToFit) {
  Network net = make_model("mobilenetv2");
  for (std::size_t i = 0; i < net.layers.size(); ++i) {
    net.layers[i].name =
        "/model/features.block_" + std::to_string(i) +
        "/inverted_residual/depthwise_separable_convolution_with_a_name_nobody_reads/Conv_output_0";
  }
  for (const bool functional : {false, true}) {
    const std::string t = table(fake_run(net, TimingMode::Native, functional));
    std::string line;
    EXPECT_LE(widest(t, &line), kTableWidth) << line;
    EXPECT_NE(t.find("..."), std::string::npos);
    EXPECT_NE(t.find("Conv_output_0"), std::string::npos) << "the end of a name stays visible";
  }
}

TEST(TextTable, ARealRunFitsAndNamesEveryLayer) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("systolica-table-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string a(90, 'a'), b(90, 'b');
  std::ofstream(dir / "long.yaml") << "name: long_names\ninput: {h: 16, w: 16, c: 8}\nlayers:\n"
                                   << "  - {name: " << a
                                   << "_conv, type: conv, out_c: 16, kernel: 3, pad: 1}\n"
                                   << "  - {name: " << b << "_pool, type: maxpool, kernel: 2, stride: 2}\n"
                                   << "  - {name: gap, type: gavgpool}\n"
                                   << "  - {name: fc, type: fc, out_c: 10}\n";
  for (const std::string& args : {"--layers " + test::source_dir() + "/tests/data/networks/tiny_layers.yaml",
                                  "--layers " + (dir / "long.yaml").string() + " --functional"}) {
    SCOPED_TRACE(args);
    const test::CommandResult r = test::run_command(test::systolica_bin() + " run " + args);
    ASSERT_EQ(r.exit_status, 0) << r.err;
    std::string line;
    EXPECT_LE(widest(r.out, &line), kTableWidth) << line;
    EXPECT_NE(r.out.find("simulated cycles/s"), std::string::npos);
    EXPECT_TRUE(r.err.empty()) << "no progress line when stderr is not a terminal: " << r.err;
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace systolica
