#include "sim/report/text_table.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>

namespace systolica {

namespace {
std::string shape_of(const Layer& l) {
  if (l.kind == LayerKind::Gemm) {
    const GemmShape g = l.gemm();
    return fmt::format("gemm M={} N={} K={}", g.m, g.n, g.k);
  }
  return fmt::format("conv {}x{}x{} -> {}, {}x{}/s{}{}", l.in_h, l.in_w, l.in_c, l.out_c, l.kernel_h, l.kernel_w,
                     l.stride_h, l.pad_h > 0 ? fmt::format("/p{}", l.pad_h) : "");
}

std::string percent(double x) { return fmt::format("{:.2f}%", 100.0 * x); }
}  // namespace

void print_run_table(std::ostream& os, const RunResult& r) {
  const bool native = r.mode == TimingMode::Native;
  fmt::print(os, "Systolica: {}x{} int8 array, {} dataflow, {:g} GHz, {} timing{}\n", r.arch.array.rows,
             r.arch.array.cols, to_string(r.arch.array.dataflow), r.arch.clock.core_hz / 1e9,
             native ? "native" : "SCALE-Sim-compatible", r.functional ? ", functional" : "");
  std::size_t name_w = 5;
  for (const auto& l : r.layers) name_w = std::max(name_w, l.layer.name.size());
  std::size_t shape_w = 5;
  for (const auto& l : r.layers) shape_w = std::max(shape_w, shape_of(l.layer).size());

  fmt::print(os, "\n{:<{}}  {:<{}}  {:>14}  {:>15}  {:>6}", "layer", name_w, "shape", shape_w, "cycles", "MACs", "util");
  if (native) fmt::print(os, "  {:>9}  {:>9}  {:>9}  {:>9}", "underuse", "pre/drain", "fill", "memory");
  if (r.functional) fmt::print(os, "  values");
  fmt::print(os, "\n");
  for (const auto& l : r.layers) {
    fmt::print(os, "{:<{}}  {:<{}}  {:>14}  {:>15}  {:>6}", l.layer.name, name_w, shape_of(l.layer), shape_w, l.cycles,
               l.macs, percent(l.utilization));
    if (native) {
      const auto& b = l.breakdown;
      const double total = std::max<double>(1, b.total);
      fmt::print(os, "  {:>9}  {:>9}  {:>9}  {:>9}", percent(b.underuse / total),
                 percent((b.preload + b.drain) / total), percent(b.fill_drain / total), percent(b.memory / total));
    }
    if (l.functional_match) fmt::print(os, "  {}", *l.functional_match ? "exact" : "MISMATCH");
    fmt::print(os, "\n");
  }
  fmt::print(os, "{:<{}}  {:<{}}  {:>14}  {:>15}  {:>6}\n", "total", name_w, "", shape_w, r.total_cycles, r.total_macs,
             percent(r.utilization()));
  if (native) {
    fmt::print(os, "\nunderuse: streaming cycles with idle PEs; pre/drain: edges waiting for weight preload (ws, is)\n"
                   "or for the previous tile's drain (os); fill: the last tile's trip through the array;\n"
                   "memory: edges waiting for operands from memory.\n");
  }
  fmt::print(os, "\nsimulated {} cycles ({:.3f} ms at {:g} GHz) in {:.3f} s wall: {:.3g} simulated cycles/s\n",
             r.total_cycles, r.total_cycles / r.arch.clock.core_hz * 1e3, r.arch.clock.core_hz / 1e9, r.wall_seconds,
             r.simulated_cycles_per_second());
}

}  // namespace systolica
