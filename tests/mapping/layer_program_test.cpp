// The command stream of a mapped layer: every MAC of the layer is done exactly once, dependencies point
// backwards, every computation waits for the loads of its operands, the stores write every output byte
// exactly once, and a buffer is never reloaded while a command still reads it.
#include "arch/core/layer_program.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <vector>

#include "tests/support/default_core.h"
#include "workloads/mapping.h"

namespace systolica::test {
namespace {

Layer conv(int h, int c, int k, int r, int stride, int pad, int groups = 1, int dilation = 1) {
  Layer l = make_conv_layer("c", h, h, c, k, r, r, stride, pad);
  l.groups = groups;
  l.dilation_h = l.dilation_w = dilation;
  l.validate();
  return l;
}

LayerProgram program_of(const Layer& l, Dataflow df, const CoreGeometry& g = default_core()) {
  const LayerMapping m = map_layer(l, g, df);
  TensorAddresses at;
  at.inputs = {0x100000};
  if (l.kind == LayerKind::Add) at.inputs.push_back(0x200000);
  at.weights = 0;
  at.output = 0x400000;
  return build_layer_program(l, m, at, g, OutputScale{});
}

void check_stream(const Layer& l, const LayerProgram& p) {
  std::uint64_t stored = 0;
  for (std::size_t i = 0; i < p.commands.size(); ++i) {
    const CoreCommand& c = p.commands[i];
    for (std::uint32_t d : c.deps) ASSERT_LT(d, i) << "command " << i << " depends on a later one";
    if (c.unit == CommandUnit::Store) stored += c.dma.memory_bytes();
  }
  EXPECT_EQ(stored, static_cast<std::uint64_t>(l.output_bytes()));
  EXPECT_EQ(p.useful_macs, l.macs());
}

TEST(LayerProgram, EveryMacOnceInEveryDataflow) {
  const std::vector<Layer> layers = {conv(56, 64, 64, 3, 1, 1),           conv(38, 3, 16, 7, 2, 0),
                                     conv(14, 40, 24, 3, 2, 1),           conv(12, 32, 32, 3, 1, 2, 1, 2),
                                     conv(28, 144, 144, 3, 2, 1, 144),    conv(20, 64, 128, 3, 1, 1, 4),
                                     make_gemm_layer("fc", 4, 1000, 2048)};
  for (const Layer& l : layers) {
    for (Dataflow df : {Dataflow::WeightStationary, Dataflow::OutputStationary, Dataflow::InputStationary}) {
      SCOPED_TRACE(fmt::format("{}x{}x{}>{} k{} g{} {}", l.in_h, l.in_w, l.in_c, l.out_c, l.kernel_h,
                               l.groups, to_string(df)));
      check_stream(l, program_of(l, df));
    }
  }
}

TEST(LayerProgram, ComputationsWaitForTheirLoadsAndReloadsWaitForTheReaders) {
  for (const Layer& l :
       {conv(28, 128, 128, 3, 1, 1), conv(56, 64, 256, 1, 1, 0), conv(14, 512, 512, 3, 1, 1)}) {
    const LayerProgram p = program_of(l, Dataflow::WeightStationary);
    std::map<SramRow, std::int64_t> last_reader;  // first row of a buffer -> the last computation reading it
    std::vector<std::uint32_t> loads_since_compute;
    for (std::size_t i = 0; i < p.commands.size(); ++i) {
      const CoreCommand& c = p.commands[i];
      if (c.unit == CommandUnit::Load) {
        loads_since_compute.push_back(static_cast<std::uint32_t>(i));
        // Overwriting a buffer another block's computations read: wait for the last of them (the array
        // runs in order, so waiting for the last covers the rest).
        const auto reader = last_reader.find(c.dma.first_row);
        if (reader != last_reader.end() &&
            p.commands[static_cast<std::size_t>(reader->second)].block != c.block) {
          bool waits = false;
          for (std::uint32_t d : c.deps) waits |= static_cast<std::int64_t>(d) >= reader->second;
          EXPECT_TRUE(waits) << "load " << i << " overwrites rows " << c.dma.first_row << " still read by "
                             << reader->second;
        }
      }
      if (c.unit == CommandUnit::Compute) {
        for (std::uint32_t load : loads_since_compute) {
          EXPECT_NE(std::find(c.deps.begin(), c.deps.end(), load), c.deps.end())
              << "compute " << i << " does not wait for load " << load;
        }
        loads_since_compute.clear();
        const BlockPlacement& b = p.blocks[c.block];
        for (SramRow r : b.input_first) last_reader[r] = static_cast<std::int64_t>(i);
        last_reader[b.weight_first] = static_cast<std::int64_t>(i);
      }
    }
  }
}

TEST(LayerProgram, VectorLayersLoadComputeAndStore) {
  Layer add = make_conv_layer("add", 28, 28, 64, 64, 1, 1, 1, 0);
  add.kind = LayerKind::Add;
  add.inputs = {0, 1};
  add.validate();
  const LayerProgram p = program_of(add, Dataflow::WeightStationary);
  check_stream(add, p);
  std::uint64_t loaded = 0;
  Cycle vector_cycles = 0;
  for (const CoreCommand& c : p.commands) {
    if (c.unit == CommandUnit::Load) loaded += c.dma.memory_bytes();
    vector_cycles += c.vector_cycles;
  }
  EXPECT_EQ(loaded, 2u * 28 * 28 * 64);  // both operands, once
  // Two lane-operations per element (read both, add and read out) on 16 lanes: 28 x 28 x 64 x 2 / 16.
  EXPECT_EQ(vector_cycles, 28 * 28 * 64 * 2 / 16);
}

TEST(LayerProgram, VectorUnitCyclesInClosedForm) {
  // A 3x3/2 max pool over 112x112x64 -> 56x56x64: each output element reads 9 inputs, 16 lanes:
  // a block of 4 output rows is 4 x 56 x 64 x 9 / 16 = 8064 cycles.
  Layer pool = make_pool_layer("p", LayerKind::MaxPool, 112, 112, 64, 3, 2, 1);
  Block b;
  b.oh = 4;
  b.ow = 56;
  b.ct = 64;
  EXPECT_EQ(vector_block_cycles(pool, b, 16), 8064);
  // Global average pool of 7x7x2048 in channel blocks of 256: 49 x 256 / 16 = 784.
  Layer gap = make_pool_layer("g", LayerKind::GlobalAvgPool, 7, 7, 2048, 7, 1, 0);
  Block g;
  g.ct = 256;
  EXPECT_EQ(vector_block_cycles(gap, g, 16), 784);
}

}  // namespace
}  // namespace systolica::test
