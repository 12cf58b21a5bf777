#include "arch/systolic/scalesim_timing.h"

#include <fmt/format.h>

#include <stdexcept>

namespace systolica {

namespace {

std::int64_t ceil_div(std::int64_t a, std::int64_t b) {
  return (a + b - 1) / b;
}

// Checked 64-bit arithmetic: the counts below are products of up to four layer dimensions.
std::int64_t mul(std::int64_t a, std::int64_t b) {
  std::int64_t r = 0;
  if (__builtin_mul_overflow(a, b, &r)) throw std::overflow_error("SCALE-Sim count overflows 64 bits");
  return r;
}
std::int64_t add(std::int64_t a, std::int64_t b) {
  std::int64_t r = 0;
  if (__builtin_add_overflow(a, b, &r)) throw std::overflow_error("SCALE-Sim count overflows 64 bits");
  return r;
}

}  // namespace

ScaleSimResult evaluate_scalesim(const Layer& layer, int array_rows, int array_cols, Dataflow df) {
  if (array_rows < 1 || array_cols < 1) {
    throw std::invalid_argument(fmt::format(
        "SCALE-Sim array {} x {} is invalid; rows and columns must be at least 1", array_rows, array_cols));
  }
  layer.validate();
  if (layer.pad_h != 0 || layer.pad_w != 0) {
    throw std::invalid_argument(fmt::format(
        "layer '{}': padding {} x {} is not supported in SCALE-Sim mode; SCALE-Sim layers are unpadded "
        "(output = (input - filter) / stride + 1), so pad_h and pad_w must be 0",
        layer.name, layer.pad_h, layer.pad_w));
  }
  if (layer.batch != 1) {
    throw std::invalid_argument(
        fmt::format("layer '{}': batch {} is not supported in SCALE-Sim mode; SCALE-Sim simulates batch 1",
                    layer.name, layer.batch));
  }
  if (layer.groups != 1) {
    throw std::invalid_argument(fmt::format(
        "layer '{}': groups {} is not supported in SCALE-Sim mode; SCALE-Sim layers are dense convolutions "
        "(groups 1)",
        layer.name, layer.groups));
  }

  // The layer as SCALE-Sim sees it: ofmap_px output pixels, a window of T_conv = R x S x C, K filters.
  const GemmShape g = layer.gemm();
  const std::int64_t ofmap_px = g.m;
  const std::int64_t window = g.k;
  const std::int64_t filters = g.n;
  const std::int64_t ra = array_rows;
  const std::int64_t ca = array_cols;

  // Spatial rows Sr and columns Sc mapped onto the array, and the temporal dimension T streamed in time.
  std::int64_t sr = 0, sc = 0, t = 0;
  switch (df) {
    case Dataflow::WeightStationary:
      sr = window;
      sc = filters;
      t = ofmap_px;
      break;
    case Dataflow::OutputStationary:
      sr = ofmap_px;
      sc = filters;
      t = window;
      break;
    case Dataflow::InputStationary:
      sr = window;
      sc = ofmap_px;
      t = filters;
      break;
  }
  const std::int64_t row_folds = ceil_div(sr, ra);
  const std::int64_t col_folds = ceil_div(sc, ca);

  ScaleSimResult r;
  r.folds = mul(row_folds, col_folds);
  r.macs = mul(mul(ofmap_px, window), filters);

  // Cycles of one fold, always with the full array dimensions. WS and IS: R_a cycles to load the
  // stationary operand, then T + R_a + C_a - 2 to stream and drain. OS: the skewed streaming of T
  // reduction steps plus the skew across R_a rows and C_a columns.
  const std::int64_t per_fold =
      df == Dataflow::OutputStationary ? add(t, ra + ca - 2) : add(t, 2 * ra + ca - 2);
  r.compute_cycles = mul(r.folds, per_fold) - 1;  // SCALE-Sim reports the index of the last cycle

  switch (df) {
    case Dataflow::WeightStationary:
      r.ifmap_sram_reads = mul(mul(ofmap_px, window), col_folds);
      r.filter_sram_reads = mul(window, filters);
      r.ofmap_sram_writes = mul(mul(ofmap_px, filters), row_folds);
      break;
    case Dataflow::OutputStationary:
      r.ifmap_sram_reads = mul(mul(ofmap_px, window), col_folds);
      r.filter_sram_reads = mul(mul(filters, window), row_folds);
      // SCALE-Sim's quirk: each fold's ofmap demand also counts R_a + C_a writes.
      r.ofmap_sram_writes = add(mul(ofmap_px, filters), mul(r.folds, ra + ca));
      break;
    case Dataflow::InputStationary:
      r.ifmap_sram_reads = mul(window, ofmap_px);
      r.filter_sram_reads = mul(mul(filters, window), col_folds);
      r.ofmap_sram_writes = mul(mul(filters, ofmap_px), row_folds);
      break;
  }

  // Sum over folds of rows used x cols used is Sr x Sc (the folds tile the Sr x Sc rectangle exactly).
  r.mapping_efficiency = (static_cast<double>(sr) / static_cast<double>(row_folds * ra)) *
                         (static_cast<double>(sc) / static_cast<double>(col_folds * ca));
  // compute_cycles is 0 only for one fold of one cycle (a single MAC on a 1 x 1 OS array).
  const double capacity = static_cast<double>(ra) * static_cast<double>(ca) *
                          static_cast<double>(r.compute_cycles > 0 ? r.compute_cycles : 1);
  r.utilization = static_cast<double>(r.macs) / capacity;
  return r;
}

}  // namespace systolica
