// evaluate_scalesim() on small layers, every number derived by hand from SCALE-Sim's conventions
// (docs/scalesim.md). Notation: the layer has ofmap_px output pixels, a filter window T_conv = R x S x C and
// K filters; the array is R_a x C_a. Per dataflow SCALE-Sim maps Sr rows and Sc columns onto the array and
// streams T in time:
//   WS: Sr = T_conv, Sc = K, T = ofmap_px; a fold takes 2 R_a + C_a + T - 2 cycles
//       (R_a to load the weights, T ifmap rows, C_a - 1 to cross the columns, R_a - 1 of row skew);
//   OS: Sr = ofmap_px, Sc = K, T = T_conv; a fold takes T + R_a + C_a - 2;
//   IS: Sr = T_conv, Sc = ofmap_px, T = K; a fold takes 2 R_a + C_a + T - 2.
// folds = ceil(Sr / R_a) x ceil(Sc / C_a), always charged with the full array dimensions, one after the
// other; compute_cycles = folds x per-fold - 1.
#include "arch/systolic/scalesim_timing.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "workloads/layer.h"

namespace systolica {
namespace {

// 5x5x2 input, 3x3 filter, 3 filters, stride 1, unpadded: E = (5 - 3)/1 + 1 = 3, ofmap_px = 9,
// T_conv = 3 x 3 x 2 = 18, K = 3, MACs = 9 x 18 x 3 = 486. Array 4 x 4.
Layer small_conv() {
  return make_conv_layer("small", 5, 5, 2, 3, 3, 3, 1, 0);
}

TEST(ScaleSimTiming, SmallConvWeightStationary) {
  // Sr = 18 -> row folds ceil(18/4) = 5 (rows used 4,4,4,4,2); Sc = 3 -> 1 col fold (3 of 4 columns).
  // Per fold 2*4 + 4 + 9 - 2 = 19; cycles 5 x 19 - 1 = 94.
  // ifmap: every pixel's window once per col fold, 9 x 18 x 1 = 162; filter: each weight once, 18 x 3 = 54;
  // ofmap: a partial sum per row fold, 9 x 3 x 5 = 135.
  // Mapping: (4+4+4+4+2) x 3 / (5 x 16) = 54/80; utilization 486 / (16 x 94).
  const ScaleSimResult r = evaluate_scalesim(small_conv(), 4, 4, Dataflow::WeightStationary);
  EXPECT_EQ(r.folds, 5);
  EXPECT_EQ(r.compute_cycles, 94);
  EXPECT_EQ(r.macs, 486);
  EXPECT_EQ(r.ifmap_sram_reads, 162);
  EXPECT_EQ(r.filter_sram_reads, 54);
  EXPECT_EQ(r.ofmap_sram_writes, 135);
  EXPECT_DOUBLE_EQ(r.mapping_efficiency, 54.0 / 80.0);
  EXPECT_DOUBLE_EQ(r.utilization, 486.0 / (16.0 * 94.0));
}

TEST(ScaleSimTiming, SmallConvOutputStationary) {
  // Sr = 9 pixels -> ceil(9/4) = 3 row folds (4,4,1); Sc = 3 -> 1 col fold. Per fold 18 + 4 + 4 - 2 = 24;
  // cycles 3 x 24 - 1 = 71.
  // ifmap 9 x 18 x 1 = 162; filter: every weight once per row fold, 3 x 18 x 3 = 162;
  // ofmap: 9 x 3 outputs once, plus SCALE-Sim's R_a + C_a = 8 per fold: 27 + 3 x 8 = 51.
  // Mapping (4+4+1) x 3 / (3 x 16) = 27/48; utilization 486 / (16 x 71).
  const ScaleSimResult r = evaluate_scalesim(small_conv(), 4, 4, Dataflow::OutputStationary);
  EXPECT_EQ(r.folds, 3);
  EXPECT_EQ(r.compute_cycles, 71);
  EXPECT_EQ(r.ifmap_sram_reads, 162);
  EXPECT_EQ(r.filter_sram_reads, 162);
  EXPECT_EQ(r.ofmap_sram_writes, 51);
  EXPECT_DOUBLE_EQ(r.mapping_efficiency, 27.0 / 48.0);
  EXPECT_DOUBLE_EQ(r.utilization, 486.0 / (16.0 * 71.0));
}

TEST(ScaleSimTiming, SmallConvInputStationary) {
  // Sr = 18 -> 5 row folds; Sc = 9 pixels -> ceil(9/4) = 3 col folds (4,4,1); 15 folds.
  // Per fold 2*4 + 4 + 3 - 2 = 13; cycles 15 x 13 - 1 = 194.
  // ifmap: each window element of each pixel once, 18 x 9 = 162; filter: once per col fold,
  // 3 x 18 x 3 = 162; ofmap: a partial sum per row fold, 3 x 9 x 5 = 135.
  // Mapping 18 x 9 / (15 x 16) = 162/240; utilization 486 / (16 x 194).
  const ScaleSimResult r = evaluate_scalesim(small_conv(), 4, 4, Dataflow::InputStationary);
  EXPECT_EQ(r.folds, 15);
  EXPECT_EQ(r.compute_cycles, 194);
  EXPECT_EQ(r.ifmap_sram_reads, 162);
  EXPECT_EQ(r.filter_sram_reads, 162);
  EXPECT_EQ(r.ofmap_sram_writes, 135);
  EXPECT_DOUBLE_EQ(r.mapping_efficiency, 162.0 / 240.0);
  EXPECT_DOUBLE_EQ(r.utilization, 486.0 / (16.0 * 194.0));
}

// A rectangular case that catches swapped rows/columns and strides: 7x6x1 input, 3x2 filter, 2 filters,
// stride 2 vertically and 1 horizontally: E = (7-3)/2 + 1 = 3, F = (6-2)/1 + 1 = 5, ofmap_px = 15,
// T_conv = 6, K = 2, MACs = 15 x 6 x 2 = 180. Array 2 rows x 3 columns.
Layer rect_conv() {
  Layer l = make_conv_layer("rect", 7, 6, 1, 2, 3, 2, 2, 0);
  l.stride_w = 1;
  return l;
}

TEST(ScaleSimTiming, RectangularAllDataflows) {
  {
    // WS: Sr = 6 -> 3 row folds, Sc = 2 -> 1 col fold. Per fold 2*2 + 3 + 15 - 2 = 20; 3 x 20 - 1 = 59.
    const ScaleSimResult r = evaluate_scalesim(rect_conv(), 2, 3, Dataflow::WeightStationary);
    EXPECT_EQ(r.macs, 180);
    EXPECT_EQ(r.folds, 3);
    EXPECT_EQ(r.compute_cycles, 59);
    EXPECT_EQ(r.ifmap_sram_reads, 90);   // 15 x 6 x 1
    EXPECT_EQ(r.filter_sram_reads, 12);  // 6 x 2
    EXPECT_EQ(r.ofmap_sram_writes, 90);  // 15 x 2 x 3
    EXPECT_DOUBLE_EQ(r.mapping_efficiency, 12.0 / 18.0);
    EXPECT_DOUBLE_EQ(r.utilization, 180.0 / (6.0 * 59.0));
  }
  {
    // OS: Sr = 15 -> 8 row folds, Sc = 2 -> 1. Per fold 6 + 2 + 3 - 2 = 9; 8 x 9 - 1 = 71.
    const ScaleSimResult r = evaluate_scalesim(rect_conv(), 2, 3, Dataflow::OutputStationary);
    EXPECT_EQ(r.folds, 8);
    EXPECT_EQ(r.compute_cycles, 71);
    EXPECT_EQ(r.ifmap_sram_reads, 90);   // 15 x 6 x 1
    EXPECT_EQ(r.filter_sram_reads, 96);  // 2 x 6 x 8
    EXPECT_EQ(r.ofmap_sram_writes, 70);  // 15 x 2 + 8 x (2 + 3)
    EXPECT_DOUBLE_EQ(r.mapping_efficiency, 30.0 / 48.0);
    EXPECT_DOUBLE_EQ(r.utilization, 180.0 / (6.0 * 71.0));
  }
  {
    // IS: Sr = 6 -> 3 row folds, Sc = 15 -> 5 col folds, 15 folds. Per fold 2*2 + 3 + 2 - 2 = 7;
    // 15 x 7 - 1 = 104. Every fold is full: mapping efficiency 1.
    const ScaleSimResult r = evaluate_scalesim(rect_conv(), 2, 3, Dataflow::InputStationary);
    EXPECT_EQ(r.folds, 15);
    EXPECT_EQ(r.compute_cycles, 104);
    EXPECT_EQ(r.ifmap_sram_reads, 90);   // 6 x 15
    EXPECT_EQ(r.filter_sram_reads, 60);  // 2 x 6 x 5
    EXPECT_EQ(r.ofmap_sram_writes, 90);  // 2 x 15 x 3
    EXPECT_DOUBLE_EQ(r.mapping_efficiency, 1.0);
    EXPECT_DOUBLE_EQ(r.utilization, 180.0 / (6.0 * 104.0));
  }
}

// One fold that fits: a GEMM M=4, K=3, N=2 (as a 1x1 conv) on 4x4. WS: 2*4 + 4 + 4 - 2 = 14 cycles in the
// fold, 13 reported; the fold is charged the full 4x4 array although it uses 3 x 2 PEs.
TEST(ScaleSimTiming, SingleFoldUsesFullArrayDimensions) {
  const Layer gemm = make_gemm_layer("gemm", 4, 2, 3);
  EXPECT_EQ(evaluate_scalesim(gemm, 4, 4, Dataflow::WeightStationary).compute_cycles, 13);
  EXPECT_EQ(evaluate_scalesim(gemm, 4, 4, Dataflow::OutputStationary).compute_cycles, 3 + 4 + 4 - 2 - 1);
  EXPECT_EQ(evaluate_scalesim(gemm, 4, 4, Dataflow::InputStationary).compute_cycles, 2 * 4 + 4 + 2 - 2 - 1);
  // A bigger array costs more cycles for the same work: SCALE-Sim never shrinks a fold to its used size.
  EXPECT_EQ(evaluate_scalesim(gemm, 8, 8, Dataflow::WeightStationary).compute_cycles, 2 * 8 + 8 + 4 - 2 - 1);
  EXPECT_DOUBLE_EQ(evaluate_scalesim(gemm, 4, 4, Dataflow::WeightStationary).mapping_efficiency, 6.0 / 16.0);
}

// The one degenerate case: one MAC on a 1x1 OS array is a single one-cycle fold, reported as 0 cycles.
TEST(ScaleSimTiming, OneMacOnOneByOneArray) {
  const ScaleSimResult r =
      evaluate_scalesim(make_gemm_layer("one", 1, 1, 1), 1, 1, Dataflow::OutputStationary);
  EXPECT_EQ(r.compute_cycles, 0);
  EXPECT_DOUBLE_EQ(r.utilization, 1.0);
  EXPECT_EQ(r.ofmap_sram_writes, 1 + 2);
}

template <typename E>
std::string error_of(const Layer& l, int rows, int cols) {
  try {
    evaluate_scalesim(l, rows, cols, Dataflow::WeightStationary);
  } catch (const E& e) {
    return e.what();
  }
  return "(no exception)";
}

TEST(ScaleSimTiming, RejectsWhatScaleSimCannotExpress) {
  Layer padded = make_conv_layer("padded", 8, 8, 4, 4, 3, 3, 1, 1);
  EXPECT_NE(error_of<std::invalid_argument>(padded, 4, 4).find("SCALE-Sim layers are unpadded"),
            std::string::npos);
  Layer batched = small_conv();
  batched.batch = 2;
  EXPECT_NE(error_of<std::invalid_argument>(batched, 4, 4).find("batch 2"), std::string::npos);
  Layer grouped = make_conv_layer("dw", 8, 8, 4, 4, 3, 3, 1, 0);
  grouped.groups = 4;
  EXPECT_NE(error_of<std::invalid_argument>(grouped, 4, 4).find("groups 4"), std::string::npos);
  EXPECT_NE(error_of<std::invalid_argument>(small_conv(), 0, 4).find("rows and columns must be at least 1"),
            std::string::npos);
  Layer broken = small_conv();
  broken.kernel_h = 9;  // larger than the input
  EXPECT_NE(error_of<LayerShapeError>(broken, 4, 4).find("kernel_h"), std::string::npos);
}

}  // namespace
}  // namespace systolica
