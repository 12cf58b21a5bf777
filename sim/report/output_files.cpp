#include "sim/report/output_files.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <vector>

#include "sim/report/report_fields.h"
#include "sim/report/roofline.h"

namespace systolica {

namespace {
using nlohmann::ordered_json;

// JSON has no NaN or infinity: null instead.
ordered_json number_or_null(double x) {
  return std::isfinite(x) ? ordered_json(x) : ordered_json(nullptr);
}
ordered_json number_or_null(const std::optional<double>& x) {
  return x ? number_or_null(*x) : ordered_json(nullptr);
}

ordered_json shape_json(const RunResult& r, std::size_t index) {
  const Layer& l = r.layers[index].layer;
  const GemmShape g = l.gemm();
  ordered_json s;
  s["kind"] = to_string(l.kind);
  s["batch"] = l.batch;
  s["in_h"] = l.in_h, s["in_w"] = l.in_w, s["in_c"] = l.in_c, s["out_c"] = l.out_channels();
  s["kernel_h"] = l.kernel_h, s["kernel_w"] = l.kernel_w;
  s["stride"] = l.stride_h, s["pad"] = l.pad_h, s["groups"] = l.groups;
  s["out_h"] = l.out_h(), s["out_w"] = l.out_w();
  s["stride_h"] = l.stride_h, s["stride_w"] = l.stride_w, s["pad_h"] = l.pad_h, s["pad_w"] = l.pad_w;
  s["dilation_h"] = l.dilation_h, s["dilation_w"] = l.dilation_w;
  s["activation"] = to_string(l.activation);
  s["inputs"] = input_names(r, index);
  if (l.kind == LayerKind::Vector) {
    s["vector_op"] = l.vector_op;
  }
  s["gemm"] = {{"m", g.m}, {"n", g.n}, {"k", g.k}};
  // The layer's tensors as the IR sizes them (int8): what a compiler would allocate for it.
  s["weight_bytes"] = l.weight_bytes();
  s["input_bytes"] = l.input_bytes();
  s["output_bytes"] = l.output_bytes();
  return s;
}

ordered_json mapping_json(const LayerResult& l) {
  const LayerMapping& m = *l.mapping;
  return {{"dataflow", std::string(to_string(m.dataflow))},
          {"tile_rows", m.tile_rows},
          {"tile_cols", m.tile_cols},
          {"tile_in_c", m.tile_in_c},
          {"tile_out_c", m.tile_out_c},
          {"loop_order", to_string(m.loop_order)},
          {"double_buffered", m.double_buffered},
          {"blocks", l.blocks},
          {"commands", l.commands}};
}

// A layer that overlapped others on several cores has no memory traffic of its own: its byte fields are
// null (JSON) or empty (CSV), never a zero that did not happen.
bool traffic_unknown(const LayerResult& l) {
  return !l.traffic && !l.parts.empty();
}

ordered_json parts_json(const std::vector<LayerPart>& parts) {
  ordered_json out = ordered_json::array();
  for (const LayerPart& p : parts) {
    out.push_back({{"core", p.core},
                   {"start", p.start},
                   {"cycles", p.cycles},
                   {"waited", p.waited},
                   {"macs", p.macs},
                   {"images", {p.region.image0, p.region.image0 + p.region.images}},
                   {"rows", {p.region.row0, p.region.row0 + p.region.rows}},
                   {"channels", {p.region.channel0, p.region.channel0 + p.region.channels}}});
  }
  return out;
}

ordered_json stalls_json(const StallCycles& s) {
  ordered_json j = ordered_json::object();
  for (const StallPart& p : stall_parts(s)) {
    j[p.key] = p.whole ? ordered_json(static_cast<std::int64_t>(p.cycles)) : number_or_null(p.cycles);
  }
  return j;
}

ordered_json bytes_json(const MemoryTraffic& t, int line_bytes) {
  ordered_json j = ordered_json::object();
  for (const ByteCount& b : byte_counts(t, line_bytes)) {
    j[b.key] = b.bytes;
  }
  return j;
}

// The roofline and the cycle accounting, the same for a layer and for the total.
void add_roofline(ordered_json& j, const RooflinePoint& p) {
  j["bound"] = to_string(p.bound);
  j["attained_fraction"] = number_or_null(p.attained_fraction);
  j["arithmetic_intensity"] = number_or_null(p.intensity);
}

ordered_json traffic_json(const MemoryTraffic& t) {
  return {
      {"dram",
       {{"reads", t.dram_reads},
        {"writes", t.dram_writes},
        {"read_bytes", t.dram_read_bytes},
        {"write_bytes", t.dram_write_bytes},
        {"row_hits", t.dram_row_hits},
        {"row_misses", t.dram_row_misses},
        {"row_conflicts", t.dram_row_conflicts},
        {"commands",
         {{"ACT", t.dram_act},
          {"PRE", t.dram_pre},
          {"RD", t.dram_rd},
          {"WR", t.dram_wr},
          {"REF", t.dram_ref}}}}},
      {"l2",
       {{"reads", t.l2_reads},
        {"writes", t.l2_writes},
        {"hits", t.l2_hits},
        {"misses", t.l2_misses},
        {"writebacks", t.l2_writebacks}}},
      {"dma",
       {{"load_bytes", t.dma_load_bytes}, {"store_bytes", t.dma_store_bytes}, {"requests", t.dma_requests}}},
      {"scratchpad", {{"reads", t.scratchpad_reads}, {"writes", t.scratchpad_writes}}},
      {"accumulator", {{"reads", t.accumulator_reads}, {"writes", t.accumulator_writes}}}};
}

ordered_json breakdown_json(const CycleBreakdown& b) {
  return {{"compute", b.compute}, {"underuse", b.underuse},     {"preload", b.preload},
          {"drain", b.drain},     {"fill_drain", b.fill_drain}, {"memory", b.memory}};
}

// RFC 4180: quote a field that holds a comma, a quote or a line break.
std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) {
    return s;
  }
  std::string q = "\"";
  for (char c : s) {
    q += c == '"' ? std::string("\"\"") : std::string(1, c);
  }
  return q + "\"";
}

void write_file(const std::filesystem::path& path, const std::string& text) {
  // Write beside, then rename: a killed run never leaves half a file under the final name.
  const std::filesystem::path tmp = path.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) {
      throw std::runtime_error(fmt::format("cannot write {}", tmp.string()));
    }
    out << text;
    if (!out.flush()) {
      throw std::runtime_error(fmt::format("cannot write {}", tmp.string()));
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    throw std::runtime_error(fmt::format("cannot write {}: {}", path.string(), ec.message()));
  }
}
ordered_json energy_breakdown_json(const energy::EnergyBreakdown& e) {
  ordered_json j = ordered_json::object();
  for (const auto& [name, pj] : e.components()) {
    j[std::string(name)] = pj;
  }
  return j;
}

// The parameters the run was priced with, each with its source, so nobody has to guess which numbers
// were defaults; and the per-action costs derived from them and the architecture's sizes.
ordered_json energy_json(const RunResult& r) {
  const energy::RunEnergy& en = *r.energy;
  ordered_json params = ordered_json::object();
  for (std::size_t i = 0; i < kEnergyParamCount; ++i) {
    params[std::string(energy_param_info()[i].name)] = {{"value", en.parameters.value[i]},
                                                       {"source", en.parameters.source[i]},
                                                       {"default", en.parameters.source[i] != "config"}};
  }
  const energy::ActionCosts& c = en.costs;
  return {{"tech_nm", r.arch.energy.tech_nm},
          {"dram_preset", r.arch.dram.preset},
          {"parameters", params},
          {"action_costs_pj",
           {{"mac", c.mac},
            {"register_bit", c.register_bit},
            {"scratchpad_read", c.scratchpad_read},
            {"scratchpad_write", c.scratchpad_write},
            {"accumulator_read", c.accumulator_read},
            {"accumulator_write", c.accumulator_write},
            {"accumulate", c.accumulate},
            {"l2_tag", c.l2_tag},
            {"l2_read", c.l2_read},
            {"l2_write", c.l2_write},
            {"noc_byte", c.noc_byte},
            {"vector_cycle", c.vector_cycle},
            {"dram_act", c.dram_act},
            {"dram_read", c.dram_read},
            {"dram_write", c.dram_write},
            {"dram_refresh", c.dram_refresh},
            {"dram_active_rank_cycle", c.dram_active_rank_cycle},
            {"dram_precharged_rank_cycle", c.dram_precharged_rank_cycle}}},
          {"leakage_mw", {{"sram", c.sram_leakage_mw}, {"logic", c.logic_leakage_mw}}}};
}
}  // namespace

std::string summary_json(const RunResult& r) {
  const bool native = r.mode == TimingMode::Native;
  const RooflineMachine machine = roofline_machine(r.arch);
  const int line = r.arch.l2.line_bytes;
  ordered_json j;
  ordered_json& total = j["total"];
  total = {{"cycles", r.total_cycles}, {"macs", r.total_macs}, {"utilization", r.utilization()}};
  total["dram_read_bytes"] = r.traffic ? r.traffic->dram_read_bytes : 0;
  total["dram_write_bytes"] = r.traffic ? r.traffic->dram_write_bytes : 0;
  if (r.traffic) {
    total["l2_hits"] = r.traffic->l2_hits, total["l2_misses"] = r.traffic->l2_misses;
  }
  add_roofline(total, total_roofline(machine, r));
  if (native) {
    const StallCycles s = total_stalls(r);
    total["compute_cycles"] = number_or_null(s.compute);
    total["stall_cycles"] = stalls_json(s);
  }
  total["bytes"] = bytes_json(r.traffic.value_or(MemoryTraffic{}), line);
  total["cores"] = r.cores.empty() ? 1 : static_cast<int>(r.cores.size());
  if (!r.cores.empty()) {
    total["partition"] = r.arch.partition.strategy;
    total["imbalance"] = number_or_null(r.imbalance());
    total["layers_overlap"] = r.layers_overlap;
  }
  total["network"] = r.network;
  total["batch"] = r.batch;
  total["warnings"] = r.warnings;
  total["weight_bytes"] = r.weight_bytes;
  total["peak_activation_bytes"] = r.peak_activation_bytes;
  const double seconds = static_cast<double>(r.total_cycles) / r.arch.clock.core_hz;
  total["inferences_per_second"] = seconds > 0 ? number_or_null(r.batch / seconds) : ordered_json(nullptr);
  if (r.energy) {
    const energy::RunEnergy& en = *r.energy;
    total["energy_pj"] = en.total.total();
    total["energy_breakdown_pj"] = energy_breakdown_json(en.total);
    total["static_energy_pj"] = en.total.static_energy();
    total["energy_per_inference_pj"] = en.total.total() / std::max(1, r.batch);
    total["pj_per_mac"] = number_or_null(en.pj_per_mac(r.total_macs));
    total["average_power_mw"] = number_or_null(en.average_power_mw(seconds));
    total["inferences_per_joule"] = number_or_null(en.inferences_per_joule(r.batch));
    total["tops_per_watt"] = number_or_null(en.tops_per_watt(r.total_macs));
  }
  if (native) {
    CycleBreakdown sum;
    for (const auto& l : r.layers) {
      sum += l.breakdown;
    }
    total["breakdown"] = breakdown_json(sum);
  }
  if (r.traffic) {
    total["memory"] = traffic_json(*r.traffic);
    ordered_json by_core = ordered_json::object();
    for (const auto& [core, c] : r.l2_by_core) {
      by_core[std::to_string(core)] = {{"reads", c.reads},
                                       {"writes", c.writes},
                                       {"hits", c.hits},
                                       {"misses", c.misses},
                                       {"mshr_merges", c.mshr_merges},
                                       {"evictions", c.evictions},
                                       {"writebacks", c.writebacks},
                                       {"bank_conflicts", c.bank_conflicts}};
    }
    total["memory"]["l2"]["by_core"] = by_core;
  }
  ordered_json layers = ordered_json::array();
  for (std::size_t i = 0; i < r.layers.size(); ++i) {
    const LayerResult& l = r.layers[i];
    ordered_json e;
    e["name"] = l.layer.name;
    e["kind"] = to_string(l.layer.kind);
    e["cycles"] = l.cycles;
    e["macs"] = l.macs;
    e["utilization"] = number_or_null(l.utilization);
    e["tiles"] = l.tiles;
    if (r.energy && i < r.energy->layers.size()) {
      e["energy_pj"] = r.energy->layers[i].total();
      e["energy_breakdown_pj"] = energy_breakdown_json(r.energy->layers[i]);
    }
    e["dram_read_bytes"] =
        traffic_unknown(l) ? ordered_json(nullptr) : ordered_json(l.traffic ? l.traffic->dram_read_bytes : 0);
    e["dram_write_bytes"] = traffic_unknown(l) ? ordered_json(nullptr)
                                               : ordered_json(l.traffic ? l.traffic->dram_write_bytes : 0);
    if (l.traffic) {
      e["l2_hits"] = l.traffic->l2_hits, e["l2_misses"] = l.traffic->l2_misses;
    }
    add_roofline(e, layer_roofline(machine, l));
    if (native) {
      e["compute_cycles"] = number_or_null(l.stalls.compute);
      e["stall_cycles"] = stalls_json(l.stalls);
    }
    e["bytes"] =
        traffic_unknown(l) ? ordered_json(nullptr) : bytes_json(l.traffic.value_or(MemoryTraffic{}), line);
    if (l.mapping) {
      e["mapping"] = mapping_json(l);
    }
    e["shape"] = shape_json(r, i);
    if (native) {
      e["breakdown"] = breakdown_json(l.breakdown);
    }
    if (l.scalesim) {
      e["scalesim"] = {{"folds", l.scalesim->folds},
                       {"mapping_efficiency", l.scalesim->mapping_efficiency},
                       {"ifmap_sram_reads", l.scalesim->ifmap_sram_reads},
                       {"filter_sram_reads", l.scalesim->filter_sram_reads},
                       {"ofmap_sram_writes", l.scalesim->ofmap_sram_writes}};
    }
    if (l.traffic) {
      e["memory"] = traffic_json(*l.traffic);
      e["scratchpad_buffers"] = l.scratchpad_buffers;
    }
    if (l.functional_match) {
      e["functional_match"] = *l.functional_match;
    }
    if (!l.parts.empty()) {
      e["split"] = l.split ? to_string(*l.split) : "pipeline";
      e["imbalance"] = l.split ? number_or_null(l.imbalance) : ordered_json(nullptr);
      e["parts"] = parts_json(l.parts);
    }
    layers.push_back(e);
  }
  j["layers"] = layers;
  if (!r.cores.empty()) {
    ordered_json cores = ordered_json::array();
    for (std::size_t c = 0; c < r.cores.size(); ++c) {
      const CoreResult& k = r.cores[c];
      cores.push_back({{"core", c},
                       {"busy_cycles", k.busy_cycles},
                       {"waited_cycles", k.waited_cycles},
                       {"idle_cycles", std::max<std::int64_t>(0, r.total_cycles - k.busy_cycles - k.waited_cycles)},
                       {"macs", k.macs},
                       {"parts", k.parts},
                       {"utilization", number_or_null(k.utilization)}});
    }
    j["cores"] = cores;
  }
  if (r.energy) {
    j["energy"] = energy_json(r);
  }
  j["arch"] = {{"cores", r.arch.cores},
               {"rows", r.arch.array.rows},
               {"cols", r.arch.array.cols},
               {"dataflow", std::string(to_string(r.arch.array.dataflow))},
               {"core_clock_hz", r.arch.clock.core_hz},
               {"peak_macs_per_cycle", number_or_null(machine.peak_macs_per_cycle)},
               {"dram_bytes_per_cycle", number_or_null(machine.dram_bytes_per_cycle)},
               {"ridge_macs_per_byte", number_or_null(machine.ridge())}};
  j["run"] = {{"timing", native ? "native" : "scalesim"},
              {"memory", !native          ? "none"
                         : r.ideal_memory ? "ideal"
                                          : "simulated"},
              {"functional", r.functional},
              {"simulated_seconds", seconds},
              {"wall_seconds", r.wall_seconds},
              {"simulated_cycles_per_second", r.simulated_cycles_per_second()}};
  return j.dump(2) + "\n";
}

namespace {
// One column of layers.csv: its header and how a layer's cell is written (empty for "not applicable").
struct CsvColumn {
  std::string header;
  std::function<std::string(const RunResult&, std::size_t)> cell;
};

std::vector<CsvColumn> csv_columns() {
  using R = const RunResult&;
  using I = std::size_t;
  auto num = [](auto v) { return fmt::format("{}", v); };
  std::vector<CsvColumn> c = {
      {"name", [](R r, I i) { return csv_field(r.layers[i].layer.name); }},
      {"kind", [](R r, I i) { return std::string(to_string(r.layers[i].layer.kind)); }},
      {"m", [=](R r, I i) { return num(r.layers[i].layer.gemm().m); }},
      {"n", [=](R r, I i) { return num(r.layers[i].layer.gemm().n); }},
      {"k", [=](R r, I i) { return num(r.layers[i].layer.gemm().k); }},
      {"groups", [=](R r, I i) { return num(r.layers[i].layer.groups); }},
      {"cycles", [=](R r, I i) { return num(r.layers[i].cycles); }},
      {"macs", [=](R r, I i) { return num(r.layers[i].macs); }},
      {"utilization", [](R r, I i) { return fmt::format("{:.6f}", r.layers[i].utilization); }},
      {"tiles", [=](R r, I i) { return num(r.layers[i].tiles); }},
  };
  // The array's own accounting (CycleBreakdown), as before.
  auto breakdown = [&](const char* h, auto field) {
    c.push_back({h, [field](R r, I i) {
                   return fmt::format("{:.2f}", static_cast<double>(field(r.layers[i].breakdown)));
                 }});
  };
  breakdown("compute", [](const CycleBreakdown& b) { return b.compute; });
  breakdown("underuse", [](const CycleBreakdown& b) { return b.underuse; });
  breakdown("preload", [](const CycleBreakdown& b) { return static_cast<double>(b.preload); });
  breakdown("drain", [](const CycleBreakdown& b) { return static_cast<double>(b.drain); });
  breakdown("fill_drain", [](const CycleBreakdown& b) { return static_cast<double>(b.fill_drain); });
  breakdown("memory", [](const CycleBreakdown& b) { return static_cast<double>(b.memory); });
  auto traffic = [&](const char* h, auto field) {
    c.push_back({h, [field](R r, I i) {
                   if (traffic_unknown(r.layers[i])) return std::string();
                   return fmt::format("{}", field(r.layers[i].traffic.value_or(MemoryTraffic{})));
                 }});
  };
  traffic("dram_read_bytes", [](const MemoryTraffic& t) { return t.dram_read_bytes; });
  traffic("dram_write_bytes", [](const MemoryTraffic& t) { return t.dram_write_bytes; });
  traffic("l2_hits", [](const MemoryTraffic& t) { return t.l2_hits; });
  traffic("l2_misses", [](const MemoryTraffic& t) { return t.l2_misses; });
  traffic("dma_load_bytes", [](const MemoryTraffic& t) { return t.dma_load_bytes; });
  traffic("dma_store_bytes", [](const MemoryTraffic& t) { return t.dma_store_bytes; });
  // The roofline and the report's stall accounting (native runs).
  auto point = [](R r, I i) { return layer_roofline(roofline_machine(r.arch), r.layers[i]); };
  c.push_back({"bound", [=](R r, I i) { return std::string(to_string(point(r, i).bound)); }});
  c.push_back(
      {"attained_fraction", [=](R r, I i) { return fmt::format("{:.6f}", point(r, i).attained_fraction); }});
  c.push_back({"arithmetic_intensity", [=](R r, I i) {
                 const auto x = point(r, i).intensity;
                 return x && std::isfinite(*x) ? fmt::format("{}", *x) : std::string();
               }});
  auto native = [](R r) { return r.mode == TimingMode::Native; };
  c.push_back({"compute_cycles",
               [=](R r, I i) { return native(r) ? num(r.layers[i].stalls.compute) : std::string(); }});
  const auto parts = stall_parts(StallCycles{});
  for (std::size_t p = 0; p < parts.size(); ++p) {
    c.push_back({std::string("stall_") + parts[p].key, [=](R r, I i) {
                   if (!native(r)) {
                     return std::string();
                   }
                   const StallPart s = stall_parts(r.layers[i].stalls)[p];
                   return s.whole ? num(static_cast<std::int64_t>(s.cycles)) : num(s.cycles);
                 }});
  }
  const auto counts = byte_counts(MemoryTraffic{}, 0);
  for (std::size_t b = 0; b < counts.size(); ++b) {
    c.push_back(
        {std::string("bytes_") + counts[b].key, [=](R r, I i) {
           if (traffic_unknown(r.layers[i])) return std::string();
           return num(
               byte_counts(r.layers[i].traffic.value_or(MemoryTraffic{}), r.arch.l2.line_bytes)[b].bytes);
         }});
  }
  // The mapping (native memory-system runs).
  auto mapping = [&](const char* h, auto field) {
    c.push_back({h, [field](R r, I i) {
                   const LayerResult& l = r.layers[i];
                   return l.mapping ? fmt::format("{}", field(l, *l.mapping)) : std::string();
                 }});
  };
  using M = const LayerMapping&;
  using L = const LayerResult&;
  mapping("dataflow", [](L, M m) { return to_string(m.dataflow); });
  mapping("tile_rows", [](L, M m) { return m.tile_rows; });
  mapping("tile_cols", [](L, M m) { return m.tile_cols; });
  mapping("tile_in_c", [](L, M m) { return m.tile_in_c; });
  mapping("tile_out_c", [](L, M m) { return m.tile_out_c; });
  mapping("loop_order", [](L, M m) { return std::string(to_string(m.loop_order)); });
  mapping("double_buffered", [](L, M m) { return m.double_buffered ? 1 : 0; });
  mapping("blocks", [](L l, M) { return l.blocks; });
  mapping("commands", [](L l, M) { return l.commands; });
  // The shape.
  auto shape = [&](const char* h, auto field) {
    c.push_back({h, [field](R r, I i) { return fmt::format("{}", field(r.layers[i].layer)); }});
  };
  using Y = const Layer&;
  shape("batch", [](Y l) { return l.batch; });
  shape("in_h", [](Y l) { return l.in_h; });
  shape("in_w", [](Y l) { return l.in_w; });
  shape("in_c", [](Y l) { return l.in_c; });
  shape("out_h", [](Y l) { return l.out_h(); });
  shape("out_w", [](Y l) { return l.out_w(); });
  shape("out_c", [](Y l) { return l.out_channels(); });
  shape("kernel_h", [](Y l) { return l.kernel_h; });
  shape("kernel_w", [](Y l) { return l.kernel_w; });
  shape("stride_h", [](Y l) { return l.stride_h; });
  shape("stride_w", [](Y l) { return l.stride_w; });
  shape("pad_h", [](Y l) { return l.pad_h; });
  shape("pad_w", [](Y l) { return l.pad_w; });
  shape("dilation_h", [](Y l) { return l.dilation_h; });
  shape("dilation_w", [](Y l) { return l.dilation_w; });
  shape("activation", [](Y l) { return std::string(to_string(l.activation)); });
  c.push_back(
      {"inputs", [](R r, I i) { return csv_field(fmt::format("{}", fmt::join(input_names(r, i), ";"))); }});
  // Energy (native runs), last so that earlier readers keep their columns: the total and each component, pJ.
  auto energy_cell = [](R r, I i, auto part) {
    return r.energy && i < r.energy->layers.size() ? fmt::format("{}", part(r.energy->layers[i]))
                                                    : std::string();
  };
  c.push_back({"energy_pj",
               [=](R r, I i) { return energy_cell(r, i, [](const auto& e) { return e.total(); }); }});
  for (std::size_t k = 0; k < energy::EnergyBreakdown::kComponents; ++k) {
    c.push_back({"energy_" + std::string(energy::EnergyBreakdown{}.components()[k].first) + "_pj",
                 [=](R r, I i) { return energy_cell(r, i, [k](const auto& e) { return e.components()[k].second; }); }});
  }
  // Multi-core runs (empty with one core): the split, the imbalance and how many cores took part.
  c.push_back({"split", [](R r, I i) {
                 const LayerResult& l = r.layers[i];
                 return l.parts.empty() ? std::string() : std::string(l.split ? to_string(*l.split) : "pipeline");
               }});
  c.push_back({"imbalance", [](R r, I i) {
                 const LayerResult& l = r.layers[i];
                 return l.parts.empty() || !l.split ? std::string() : fmt::format("{:.4f}", l.imbalance);
               }});
  c.push_back({"cores_used", [](R r, I i) {
                 const LayerResult& l = r.layers[i];
                 return l.parts.empty() ? std::string() : std::to_string(l.cores_used());
               }});
  return c;
}
}  // namespace

std::string layers_csv(const RunResult& r) {
  const std::vector<CsvColumn> columns = csv_columns();
  std::string out;
  for (std::size_t c = 0; c < columns.size(); ++c) {
    out += (c ? "," : "") + columns[c].header;
  }
  out += "\n";
  for (std::size_t i = 0; i < r.layers.size(); ++i) {
    for (std::size_t c = 0; c < columns.size(); ++c) {
      out += (c ? "," : "") + columns[c].cell(r, i);
    }
    out += "\n";
  }
  return out;
}

void write_run_outputs(const std::string& dir, const RunResult& result,
                       const std::string& resolved_config_yaml) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    throw std::runtime_error(fmt::format("cannot create output directory {}: {}", dir, ec.message()));
  }
  const std::filesystem::path d(dir);
  write_file(d / "config.yaml", resolved_config_yaml);
  write_file(d / "layers.csv", layers_csv(result));
  write_file(d / "summary.json", summary_json(result));  // last: its presence means the run is complete
}

}  // namespace systolica
