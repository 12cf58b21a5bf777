// The SystemC model end to end: a controller feeding the systolic array module. Checks that the module's
// simulated time is exactly the closed form's, layer by layer, and that its int32 results equal a plain
// direct convolution written here, bit for bit.
//
// SystemC elaborates once per process, so this file holds the binary's only in-process simulation: it
// builds one core per dataflow side by side and runs them together. ctest runs each test in its own
// process anyway; other tests run simulations through the systolica binary.
#include <gtest/gtest.h>

#include <systemc>

#include "arch/core/compute_core.h"
#include "workloads/layer_tensors.h"

namespace systolica {
namespace {

// Independent of workloads/layer_tensors.cpp: index the tensors directly, accumulate in int64, wrap once.
std::vector<std::int32_t> plain_conv(const Layer& l, const LayerTensors& t) {
  std::vector<std::int32_t> out;
  const int cg = l.in_c / l.groups, kg = l.out_c / l.groups;
  for (int b = 0; b < l.batch; ++b)
    for (int oy = 0; oy < l.out_h(); ++oy)
      for (int ox = 0; ox < l.out_w(); ++ox)
        for (int f = 0; f < l.out_c; ++f) {
          std::int64_t acc = 0;
          for (int ry = 0; ry < l.kernel_h; ++ry)
            for (int rx = 0; rx < l.kernel_w; ++rx)
              for (int c = 0; c < cg; ++c) {
                const int y = oy * l.stride_h + ry - l.pad_h, x = ox * l.stride_w + rx - l.pad_w;
                if (y < 0 || x < 0 || y >= l.in_h || x >= l.in_w) continue;
                const int g = f / kg;
                acc += t.input[((b * l.in_h + y) * l.in_w + x) * l.in_c + g * cg + c] *
                       t.weights[((f * l.kernel_h + ry) * l.kernel_w + rx) * cg + c];
              }
          out.push_back(static_cast<std::int32_t>(static_cast<std::uint32_t>(acc)));
        }
  return out;
}

std::vector<Layer> test_layers() {
  Layer grouped = make_conv_layer("grouped", 6, 5, 8, 12, 3, 3, 1, 1);
  grouped.groups = 4;
  Layer batched = make_conv_layer("batched", 4, 4, 3, 5, 2, 2, 2, 0);
  batched.batch = 2;
  return {make_conv_layer("conv3x3", 9, 7, 5, 6, 3, 3, 2, 1), make_gemm_layer("fc", 1, 17, 40),
          make_gemm_layer("k1", 13, 5, 1), grouped, batched, make_conv_layer("big", 12, 12, 20, 20, 3, 3, 1, 1)};
}

struct CoreUnderTest {
  ArchSpec spec;
  std::vector<Layer> layers;
  std::vector<LayerTensors> tensors;
  std::unique_ptr<ComputeCore> core;
};

TEST(ComputeCore, CyclesEqualTheClosedFormAndValuesEqualADirectConvolution) {
  std::vector<CoreUnderTest> cores;
  int index = 0;
  for (Dataflow df : {Dataflow::WeightStationary, Dataflow::OutputStationary, Dataflow::InputStationary}) {
    for (bool functional : {true, false}) {
      CoreUnderTest c;
      c.spec.array.rows = 4;
      c.spec.array.cols = 3;
      c.spec.array.dataflow = df;
      c.spec.accumulator.capacity_bytes = 3 * 4 * 10;  // 10 rows: blocks of 5 pixels
      c.layers = test_layers();
      std::vector<LayerJob> program;
      c.tensors.resize(c.layers.size());
      for (std::size_t i = 0; i < c.layers.size(); ++i) {
        LayerJob job{c.layers[i], plan_tiling(4, 3, df, c.spec.accumulator.capacity_bytes), nullptr};
        if (functional) {
          c.tensors[i] = make_random_tensors(c.layers[i], 7 + i);
          job.tensors = &c.tensors[i];
        }
        program.push_back(job);
      }
      c.core = std::make_unique<ComputeCore>(("core" + std::to_string(index++)).c_str(), c.spec, program);
      cores.push_back(std::move(c));
    }
  }
  sc_core::sc_start();

  for (const CoreUnderTest& c : cores) {
    SCOPED_TRACE(std::string(to_string(c.spec.array.dataflow)));
    ASSERT_TRUE(c.core->controller().finished());
    const auto& timings = c.core->controller().layer_timings();
    ASSERT_EQ(timings.size(), c.layers.size());
    // Replay the same tiles through the closed form, layer after layer, each starting when the previous
    // one's last output has left the array.
    TileScheduler replay(4, 3, c.spec.array.dataflow);
    Cycle start = 0;
    for (std::size_t i = 0; i < c.layers.size(); ++i) {
      SCOPED_TRACE(c.layers[i].name);
      replay.begin_segment(start);
      const TilingPlan plan = plan_tiling(4, 3, c.spec.array.dataflow, c.spec.accumulator.capacity_bytes);
      for_each_tile(c.layers[i], plan, [&](const TileOp& t) { replay.schedule({t.m, t.k, t.n}, start); });
      EXPECT_EQ(timings[i].start, start);
      EXPECT_EQ(timings[i].end - timings[i].start, replay.makespan());
      EXPECT_EQ(timings[i].macs, c.layers[i].macs());
      EXPECT_EQ(timings[i].breakdown.total, replay.makespan());
      start += replay.makespan();
      if (!c.tensors[i].output.empty() && !c.tensors[i].input.empty()) {
        EXPECT_EQ(c.tensors[i].output, plain_conv(c.layers[i], c.tensors[i]));
        EXPECT_EQ(c.tensors[i].output, direct_convolution(c.layers[i], c.tensors[i]));
      }
    }
  }
  // Timing does not depend on whether values are computed.
  for (std::size_t i = 0; i < cores.size(); i += 2) {
    const auto& a = cores[i].core->controller().layer_timings();
    const auto& b = cores[i + 1].core->controller().layer_timings();
    for (std::size_t l = 0; l < a.size(); ++l) EXPECT_EQ(a[l].end, b[l].end);
  }
}

}  // namespace
}  // namespace systolica
