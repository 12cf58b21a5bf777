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

std::string bytes(std::uint64_t b) {
  const struct {
    std::uint64_t unit;
    const char* name;
  } units[] = {{1ull << 30, "GiB"}, {1ull << 20, "MiB"}, {1ull << 10, "KiB"}};
  for (const auto& u : units) {
    if (b < u.unit) continue;
    if (b % u.unit == 0) return fmt::format("{} {}", b / u.unit, u.name);
    return fmt::format("{:.2f} {}", static_cast<double>(b) / static_cast<double>(u.unit), u.name);
  }
  return fmt::format("{} B", b);
}

void print_traffic_row(std::ostream& os, const std::string& name, std::size_t name_w, const MemoryTraffic& t) {
  const std::uint64_t l2 = t.l2_hits + t.l2_misses;
  fmt::print(os, "{:<{}}  {:>11}  {:>11}  {:>11}  {:>11}  {:>8}  {:>11}  {:>8}\n", name, name_w, bytes(t.dma_load_bytes),
             bytes(t.dma_store_bytes), bytes(t.dram_read_bytes), bytes(t.dram_write_bytes),
             l2 == 0 ? std::string("-") : percent(static_cast<double>(t.l2_hits) / static_cast<double>(l2)),
             fmt::format("{}", t.dram_act), t.dram_rd + t.dram_wr == 0 ? std::string("-")
             : percent(static_cast<double>(t.dram_row_hits) / static_cast<double>(t.dram_row_hits + t.dram_row_misses + t.dram_row_conflicts)));
}
}  // namespace

void print_run_table(std::ostream& os, const RunResult& r) {
  const bool native = r.mode == TimingMode::Native;
  fmt::print(os, "Systolica: {}x{} int8 array, {} dataflow, {:g} GHz, {}{}\n", r.arch.array.rows, r.arch.array.cols,
             to_string(r.arch.array.dataflow), r.arch.clock.core_hz / 1e9,
             !native ? "SCALE-Sim-compatible timing"
             : r.ideal_memory
                 ? "native timing, ideal memory"
                 : fmt::format("native timing; {} scratchpad, {} L2, {}", bytes(r.arch.scratchpad.capacity_bytes),
                               r.arch.l2.capacity_bytes == 0 ? std::string("no") : bytes(r.arch.l2.capacity_bytes),
                               r.arch.dram.preset),
             r.functional ? ", functional" : "");
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
  if (r.traffic) {
    fmt::print(os, "\n{:<{}}  {:>11}  {:>11}  {:>11}  {:>11}  {:>8}  {:>11}  {:>8}\n", "memory", name_w, "DMA in",
               "DMA out", "DRAM read", "DRAM write", "L2 hits", "DRAM ACTs", "row hits");
    for (const auto& l : r.layers) {
      if (l.traffic) print_traffic_row(os, l.layer.name, name_w, *l.traffic);
    }
    print_traffic_row(os, "total", name_w, *r.traffic);
  }
  fmt::print(os, "\nsimulated {} cycles ({:.3f} ms at {:g} GHz) in {:.3f} s wall: {:.3g} simulated cycles/s\n",
             r.total_cycles, r.total_cycles / r.arch.clock.core_hz * 1e3, r.arch.clock.core_hz / 1e9, r.wall_seconds,
             r.simulated_cycles_per_second());
}

}  // namespace systolica
