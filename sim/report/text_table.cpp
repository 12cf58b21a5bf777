#include "sim/report/text_table.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <vector>

#include "sim/report/core_table.h"
#include "sim/report/energy_text.h"
#include "sim/report/report_fields.h"
#include "sim/report/roofline.h"

namespace systolica {

namespace {

std::string percent(double x) {
  return fmt::format("{:.1f}%", 100.0 * x);
}

// A share of cycles as a whole percentage, "<1%" for a sliver.
std::string share(double part, double whole) {
  const double p = whole > 0 ? 100.0 * part / whole : 0;
  return p > 0 && p < 0.5 ? std::string("<1%") : fmt::format("{:.0f}%", p);
}

std::string bytes(std::uint64_t b) {
  const struct {
    std::uint64_t unit;
    const char* name;
  } units[] = {{1ull << 50, "PiB"},
               {1ull << 40, "TiB"},
               {1ull << 30, "GiB"},
               {1ull << 20, "MiB"},
               {1ull << 10, "KiB"}};
  for (const auto& u : units) {
    if (b < u.unit / 1024 * 1000) {
      continue;  // 1000 KiB and up shows as 0.98 MiB: at most 10 characters
    }
    if (b % u.unit == 0) {
      return fmt::format("{} {}", b / u.unit, u.name);
    }
    return fmt::format("{:.2f} {}", static_cast<double>(b) / static_cast<double>(u.unit), u.name);
  }
  return fmt::format("{} B", b);
}

// Cuts a byte string at a character boundary of UTF-8 (never inside a multi-byte character).
std::size_t char_boundary(const std::string& s, std::size_t at) {
  while (at > 0 && at < s.size() && (static_cast<unsigned char>(s[at]) & 0xC0) == 0x80) {
    --at;
  }
  return at;
}

std::string hw(int h, int w) {
  return h == w ? fmt::format("{}", h) : fmt::format("{}x{}", h, w);
}

std::string window(const Layer& l) {
  std::string s = fmt::format("{}x{}/{}", l.kernel_h, l.kernel_w, hw(l.stride_h, l.stride_w));
  if (l.dilation_h > 1 || l.dilation_w > 1) {
    s += " d" + hw(l.dilation_h, l.dilation_w);
  }
  return s;
}

std::string feature_map(const Layer& l) {
  return fmt::format("{}x{}x{}", l.in_h, l.in_w, l.in_c);
}

// The parts of a layer's cycles other than useful MACs, biggest first, as "underuse 61% DRAM 12%". A vector
// layer's vector-unit cycles are its compute: the bound column shows them, so they are left out here.
std::string top_stalls(const StallCycles& s, std::int64_t cycles, std::size_t count) {
  std::vector<StallPart> parts;
  for (const StallPart& p : stall_parts(s)) {
    if (std::string(p.key) != "vector_unit" && cycles > 0 &&
        p.cycles / static_cast<double>(cycles) >= 0.005) {
      parts.push_back(p);
    }
  }
  std::stable_sort(parts.begin(), parts.end(),
                   [](const StallPart& a, const StallPart& b) { return a.cycles > b.cycles; });
  std::string out;
  for (std::size_t i = 0; i < std::min(count, parts.size()); ++i) {
    out += fmt::format("{}{} {}", i ? "  " : "", parts[i].label,
                       share(parts[i].cycles, static_cast<double>(cycles)));
  }
  return out.empty() ? std::string("-") : out;
}

std::string bound_cell(const RooflinePoint& p) {
  return fmt::format("{:<7} {:>4}", to_string(p.bound), fmt::format("{:.0f}%", 100.0 * p.attained_fraction));
}

struct Columns {
  std::size_t name = 5, shape = 5, cycles = 6, util = 6, bound = 12, stalls = 0;
  bool values = false;
  std::size_t width() const {
    return name + 2 + shape + 2 + cycles + 2 + util + 2 + bound + (stalls ? 2 + stalls : 0) +
           (values ? 10 : 0);
  }
};

void print_layer_rows(std::ostream& os, const RunResult& r, const RooflineMachine& machine) {
  const bool native = r.mode == TimingMode::Native;
  const std::size_t stall_count = r.functional ? 1 : 2;
  Columns w;
  w.values = r.functional;
  for (const auto& l : r.layers) {
    w.name = std::max(w.name, l.layer.name.size());
    w.shape = std::max(w.shape, short_shape(l.layer).size());
  }
  w.shape = std::min<std::size_t>(w.shape, 26);
  w.cycles = std::max(w.cycles, fmt::format("{}", r.total_cycles).size());
  w.bound = std::max(w.bound, bound_cell(total_roofline(machine, r)).size());
  for (const auto& l : r.layers) {
    w.bound = std::max(w.bound, bound_cell(layer_roofline(machine, l)).size());
  }
  if (native) {
    w.stalls = 6;
    for (const auto& l : r.layers) {
      w.stalls = std::max(w.stalls, top_stalls(l.stalls, l.cycles, stall_count).size());
    }
    w.stalls = std::max(w.stalls, top_stalls(total_stalls(r), r.total_cycles, stall_count).size());
  }
  // Long names give way first (down to 16 characters), then the stall column.
  const std::size_t natural_name = w.name;
  w.name = 0;
  const std::size_t rest = w.width();
  w.name =
      std::max<std::size_t>(5, std::min(natural_name, kTableWidth > rest + 16 ? kTableWidth - rest : 16));
  if (w.width() > kTableWidth && w.stalls > 0) {
    w.stalls -= std::min(w.stalls - 6, w.width() - kTableWidth);
  }

  auto row = [&](const std::string& name, const std::string& shape, const std::string& cycles,
                 const std::string& util, const std::string& bound, const std::string& stalls,
                 const std::string& values) {
    std::string line =
        fmt::format("{:<{}}  {:<{}}  {:>{}}  {:>{}}  {:<{}}", fit(name, w.name), w.name, fit(shape, w.shape),
                    w.shape, cycles, w.cycles, util, w.util, bound, w.bound);
    if (w.stalls) {
      line += fmt::format("  {:<{}}", fit(stalls, w.stalls), w.stalls);
    }
    if (w.values) {
      line += fmt::format("  {:<8}", values);
    }
    line.erase(line.find_last_not_of(' ') + 1);
    fmt::print(os, "{}\n", line);
  };
  row("layer", "shape", "cycles", "util", fmt::format("{:<7} {:>4}", "bound", "roof"),
      native ? "other cycles" : "", "values");
  for (const auto& l : r.layers) {
    const RooflinePoint p = layer_roofline(machine, l);
    row(l.layer.name, short_shape(l.layer), fmt::format("{}", l.cycles),
        l.macs > 0 ? percent(l.utilization) : "-", bound_cell(p),
        native ? top_stalls(l.stalls, l.cycles, stall_count) : "",
        l.functional_match ? (*l.functional_match ? "exact" : "MISMATCH") : "");
  }
  row("total", "", fmt::format("{}", r.total_cycles), percent(r.utilization()),
      bound_cell(total_roofline(machine, r)),
      native ? top_stalls(total_stalls(r), r.total_cycles, stall_count) : "", "");
  if (native) {
    fmt::print(
        os, "\n{}",
        wrap(
            "util: useful MACs / (PEs x cycles). bound: what limits the layer by the roofline, and the share "
            "of that roof it reaches (docs/reports.md). other cycles: where the cycles without useful MACs "
            "went: underuse (the array streamed with idle PEs), fill/drain (weight preloads, pipeline fill "
            "and drain), banks (operands waiting for scratchpad bank ports), DMA/L2 (waiting in the DMA, "
            "interconnect or L2), DRAM (waiting for DRAM), store (the last results draining to memory).",
            kTableWidth));
  }
}

void print_memory_rows(std::ostream& os, const RunResult& r, const RooflineMachine& machine) {
  std::size_t name_w = 6;
  for (const auto& l : r.layers) {
    name_w = std::max(name_w, l.layer.name.size());
  }
  name_w = std::min<std::size_t>(name_w, kTableWidth - std::size_t{8} * 12);  // 8 columns of 2 + 10
  auto row = [&](const std::string& name, const std::vector<std::string>& cells) {
    std::string line = fmt::format("{:<{}}", fit(name, name_w), name_w);
    for (const std::string& c : cells) {
      line += fmt::format("  {:>10}", c);
    }
    fmt::print(os, "{}\n", line);
  };
  auto cells = [&](const MemoryTraffic& t, const RooflinePoint& p, std::int64_t macs) {
    const std::uint64_t l2 = t.l2_hits + t.l2_misses;
    const std::uint64_t rows = t.dram_row_hits + t.dram_row_misses + t.dram_row_conflicts;
    return std::vector<std::string>{
        bytes(t.dram_read_bytes),
        bytes(t.dram_write_bytes),
        macs > 0 && p.intensity ? fmt::format("{:.1f}", *p.intensity) : std::string("-"),
        l2 == 0 ? std::string("-") : percent(static_cast<double>(t.l2_hits) / static_cast<double>(l2)),
        rows == 0 ? std::string("-")
                  : percent(static_cast<double>(t.dram_row_hits) / static_cast<double>(rows)),
        bytes(t.dma_load_bytes),
        bytes(t.dma_store_bytes),
        bytes(t.scratchpad_read_bytes + t.scratchpad_write_bytes)};
  };
  fmt::print(os, "\n");
  row("memory", {"DRAM rd", "DRAM wr", "MACs/B", "L2 hits", "row hits", "DMA in", "DMA out", "SPAD r+w"});
  for (const auto& l : r.layers) {
    if (l.traffic) {
      row(l.layer.name, cells(*l.traffic, layer_roofline(machine, l), l.macs));
    }
  }
  row("total", cells(*r.traffic, total_roofline(machine, r), r.total_macs));
  fmt::print(os, "{}",
             wrap(fmt::format("MACs/B: MACs per DRAM byte; below the ridge of {:.1f} ({:g} MACs/cycle over "
                              "{:.1f} DRAM bytes/cycle) a layer is memory-bound.",
                              machine.ridge(), machine.peak_macs_per_cycle, machine.dram_bytes_per_cycle),
                  kTableWidth));
}

void print_total(std::ostream& os, const RunResult& r, const RooflineMachine& machine) {
  const double seconds = static_cast<double>(r.total_cycles) / r.arch.clock.core_hz;
  std::string line = fmt::format("total: {} cycles = {:.3f} ms at {:g} GHz, utilization {}", r.total_cycles,
                                 seconds * 1e3, r.arch.clock.core_hz / 1e9, percent(r.utilization()));
  if (seconds > 0) {
    line += fmt::format(", {:.1f} inferences/s (batch {})", r.batch / seconds, r.batch);
  }
  fmt::print(os, "\n{}", wrap(line + ".", kTableWidth));
  line.clear();
  const bool memory = r.traffic && !r.ideal_memory;
  if (memory) {
    line = fmt::format("DRAM {} ({} read, {} written); ",
                       bytes(r.traffic->dram_read_bytes + r.traffic->dram_write_bytes),
                       bytes(r.traffic->dram_read_bytes), bytes(r.traffic->dram_write_bytes));
  }
  const RooflinePoint p = total_roofline(machine, r);
  line += fmt::format("as a whole {}-bound", to_string(p.bound));
  if (p.intensity) {
    line += fmt::format(" ({:.1f} MACs per DRAM byte)", *p.intensity);
  }
  if (!memory) {
    line += " (memory not simulated)";
  }
  line += fmt::format(", at {:.0f}% of its roof.", 100.0 * p.attained_fraction);
  line[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(line[0])));
  fmt::print(os, "{}", wrap(line, kTableWidth));
  for (const std::string& w : r.warnings) {
    fmt::print(os, "{}", wrap("warning: " + w, kTableWidth));
  }
}

// Two to four lines for a student: which layers are memory-bound, and where the cycles went.
void print_summary(std::ostream& os, const RunResult& r, const RooflineMachine& machine) {
  std::size_t memory = 0;
  double memory_cycles = 0;
  // The layers' cycles add up to the run's, except when layers overlapped on several cores: then they are
  // core-cycles, and shares are of their sum.
  double layer_cycles = 0;
  for (const auto& l : r.layers) layer_cycles += static_cast<double>(l.cycles);
  std::map<std::string, int> kinds;
  std::vector<std::string> order;
  for (const auto& l : r.layers) {
    if (layer_roofline(machine, l).bound != Bound::Memory) {
      continue;
    }
    ++memory;
    memory_cycles += static_cast<double>(l.cycles);
    const std::string k = layer_class(l.layer);
    if (kinds[k]++ == 0) {
      order.push_back(k);
    }
  }
  std::stable_sort(order.begin(), order.end(),
                   [&](const auto& a, const auto& b) { return kinds[a] > kinds[b]; });
  std::string text;
  if (memory == 0) {
    text = "No layer is memory-bound.";
  } else {
    std::vector<std::string> parts;
    parts.reserve(order.size());
    for (const auto& k : order) {
      parts.push_back(fmt::format("{} {}", kinds[k], k));
    }
    text = fmt::format("{} of {} layers are memory-bound ({}); they take {} of the cycles.", memory,
                       r.layers.size(), fmt::join(parts, ", "), share(memory_cycles, layer_cycles));
  }
  fmt::print(os, "\n{}", wrap(text, kTableWidth));
  if (r.mode != TimingMode::Native || r.total_cycles <= 0) {
    return;
  }
  const StallCycles s = total_stalls(r);
  const double cycles = layer_cycles;
  if (cycles <= 0) return;
  std::string where = fmt::format("Of all {}, {} do useful MACs", r.layers_overlap ? "core-cycles" : "cycles",
                                  share(s.compute, cycles));
  std::vector<StallPart> parts = stall_parts(s);
  std::stable_sort(parts.begin(), parts.end(),
                   [](const StallPart& a, const StallPart& b) { return a.cycles > b.cycles; });
  for (const StallPart& p : parts) {
    if (p.cycles / cycles >= 0.005) {
      where += fmt::format(", {} {}", share(p.cycles, cycles), p.words);
    }
  }
  fmt::print(os, "{}", wrap(where + ".", kTableWidth));
}

}  // namespace

std::string wrap(const std::string& text, std::size_t width) {
  std::string out, line;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string::npos) {
      end = text.size();
    }
    const std::string word = text.substr(start, end - start);
    if (!line.empty() && line.size() + 1 + word.size() > width) {
      out += line + "\n";
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
    start = end + 1;
  }
  return out + line + "\n";
}

std::string fit(const std::string& s, std::size_t width) {
  if (s.size() <= width) {
    return s;
  }
  if (width <= 3) {
    return s.substr(0, char_boundary(s, width));
  }
  const std::size_t keep = width - 3;
  const std::size_t head = char_boundary(s, keep / 2);
  std::size_t tail = s.size() - (keep - head);
  while (tail < s.size() && (static_cast<unsigned char>(s[tail]) & 0xC0) == 0x80) {
    ++tail;
  }
  return s.substr(0, head) + "..." + s.substr(tail);
}

std::string short_shape(const Layer& l) {
  switch (l.kind) {
    case LayerKind::Conv: {
      const bool depthwise = l.groups > 1 && l.groups == l.in_c && l.out_c == l.in_c;
      if (depthwise) {
        return fmt::format("dw {} {}", feature_map(l), window(l));
      }
      std::string s = fmt::format("conv {}>{} {}", feature_map(l), l.out_c, window(l));
      if (l.groups > 1) {
        s += fmt::format(" g{}", l.groups);
      }
      return s;
    }
    case LayerKind::Gemm: {
      const GemmShape g = l.gemm();
      return g.m == 1 ? fmt::format("fc {}>{}", g.k, g.n) : fmt::format("fc {}x{}>{}", g.m, g.k, g.n);
    }
    case LayerKind::MaxPool:
    case LayerKind::AvgPool:
      return fmt::format("{} {} {}", to_string(l.kind), feature_map(l), window(l));
    case LayerKind::GlobalAvgPool:
    case LayerKind::Add:
      return fmt::format("{} {}", to_string(l.kind), feature_map(l));
    case LayerKind::Vector:
      return fmt::format("{} {}", l.vector_op.empty() ? std::string("vector") : l.vector_op, feature_map(l));
  }
  return to_string(l.kind);
}

void print_run_table(std::ostream& os, const RunResult& r) {
  const bool native = r.mode == TimingMode::Native;
  const RooflineMachine machine = roofline_machine(r.arch);
  // One line on one core; a multi-core line may wrap (it never exceeds the table's width).
  const std::string banner = fmt::format(
      "Systolica: {}{}x{} int8 array, {} dataflow, {:g} GHz, {}{}",
      r.arch.cores > 1 ? fmt::format("{} cores x ", r.arch.cores) : std::string(), r.arch.array.rows,
      r.arch.array.cols, to_string(r.arch.array.dataflow), r.arch.clock.core_hz / 1e9,
      !native ? "SCALE-Sim-compatible timing"
      : r.ideal_memory
          ? "native timing, ideal memory"
          : fmt::format("native timing; {} scratchpad{}, {} L2, {}", bytes(r.arch.scratchpad.capacity_bytes),
                        r.arch.cores > 1 ? " each" : "",
                        r.arch.l2.capacity_bytes == 0 ? std::string("no") : bytes(r.arch.l2.capacity_bytes),
                        r.arch.dram.preset),
      r.functional ? ", functional" : "");
  fmt::print(os, "{}", wrap(banner, kTableWidth));
  if (!r.network.empty()) {
    std::string line = fmt::format("network {}, batch {}: {} layer{}, {} MACs", r.network, r.batch,
                                   r.layers.size(), r.layers.size() == 1 ? "" : "s", r.total_macs);
    if (r.weight_bytes > 0) {
      line += fmt::format(", {} of weights", bytes(r.weight_bytes));
    }
    fmt::print(os, "{}\n", fit(line, kTableWidth));
  }
  fmt::print(os, "\n");
  print_layer_rows(os, r, machine);
  if (r.traffic && !r.ideal_memory) {
    print_memory_rows(os, r, machine);
  }
  print_total(os, r, machine);
  print_core_table(os, r);
  print_summary(os, r, machine);
  print_energy(os, r);
  fmt::print(os,
             "\nsimulated {} cycles ({:.3f} ms at {:g} GHz) in {:.3f} s wall: {:.3g} simulated cycles/s\n",
             r.total_cycles, r.total_cycles / r.arch.clock.core_hz * 1e3, r.arch.clock.core_hz / 1e9,
             r.wall_seconds, r.simulated_cycles_per_second());
}

}  // namespace systolica
