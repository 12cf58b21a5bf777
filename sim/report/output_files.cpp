#include "sim/report/output_files.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace systolica {

namespace {
using nlohmann::ordered_json;

ordered_json shape_json(const Layer& l) {
  const GemmShape g = l.gemm();
  ordered_json s;
  s["kind"] = l.kind == LayerKind::Gemm ? "gemm" : "conv";
  if (l.kind == LayerKind::Conv) {
    s["batch"] = l.batch;
    s["in_h"] = l.in_h, s["in_w"] = l.in_w, s["in_c"] = l.in_c, s["out_c"] = l.out_c;
    s["kernel_h"] = l.kernel_h, s["kernel_w"] = l.kernel_w;
    s["stride"] = l.stride_h, s["pad"] = l.pad_h, s["groups"] = l.groups;
    s["out_h"] = l.out_h(), s["out_w"] = l.out_w();
  }
  s["gemm"] = {{"m", g.m}, {"n", g.n}, {"k", g.k}};
  return s;
}

ordered_json traffic_json(const MemoryTraffic& t) {
  return {{"dram", {{"reads", t.dram_reads},
                    {"writes", t.dram_writes},
                    {"read_bytes", t.dram_read_bytes},
                    {"write_bytes", t.dram_write_bytes},
                    {"row_hits", t.dram_row_hits},
                    {"row_misses", t.dram_row_misses},
                    {"row_conflicts", t.dram_row_conflicts},
                    {"commands",
                     {{"ACT", t.dram_act}, {"PRE", t.dram_pre}, {"RD", t.dram_rd}, {"WR", t.dram_wr}, {"REF", t.dram_ref}}}}},
          {"l2", {{"reads", t.l2_reads}, {"writes", t.l2_writes}, {"hits", t.l2_hits}, {"misses", t.l2_misses},
                  {"writebacks", t.l2_writebacks}}},
          {"dma", {{"load_bytes", t.dma_load_bytes}, {"store_bytes", t.dma_store_bytes}, {"requests", t.dma_requests}}},
          {"scratchpad", {{"reads", t.scratchpad_reads}, {"writes", t.scratchpad_writes}}},
          {"accumulator", {{"reads", t.accumulator_reads}, {"writes", t.accumulator_writes}}}};
}

// The headline traffic figures, flat beside cycles and MACs.
void add_traffic_headline(ordered_json& j, const MemoryTraffic& t) {
  j["dram_read_bytes"] = t.dram_read_bytes;
  j["dram_write_bytes"] = t.dram_write_bytes;
  j["l2_hits"] = t.l2_hits;
  j["l2_misses"] = t.l2_misses;
}

ordered_json breakdown_json(const CycleBreakdown& b) {
  return {{"compute", b.compute}, {"underuse", b.underuse}, {"preload", b.preload}, {"drain", b.drain},
          {"fill_drain", b.fill_drain}, {"memory", b.memory}};
}

// RFC 4180: quote a field that holds a comma, a quote or a line break.
std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

void write_file(const std::filesystem::path& path, const std::string& text) {
  // Write beside, then rename: a killed run never leaves half a file under the final name.
  const std::filesystem::path tmp = path.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error(fmt::format("cannot write {}", tmp.string()));
    out << text;
    if (!out.flush()) throw std::runtime_error(fmt::format("cannot write {}", tmp.string()));
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) throw std::runtime_error(fmt::format("cannot write {}: {}", path.string(), ec.message()));
}
}  // namespace

std::string summary_json(const RunResult& r) {
  ordered_json j;
  j["total"] = {{"cycles", r.total_cycles}, {"macs", r.total_macs}, {"utilization", r.utilization()}};
  if (r.traffic) add_traffic_headline(j["total"], *r.traffic);
  if (r.mode == TimingMode::Native) {
    CycleBreakdown sum;
    for (const auto& l : r.layers) sum += l.breakdown;
    j["total"]["breakdown"] = breakdown_json(sum);
  }
  if (r.traffic) {
    j["total"]["memory"] = traffic_json(*r.traffic);
    ordered_json by_core = ordered_json::object();
    for (const auto& [core, c] : r.l2_by_core) {
      by_core[std::to_string(core)] = {{"reads", c.reads},           {"writes", c.writes},
                                       {"hits", c.hits},             {"misses", c.misses},
                                       {"mshr_merges", c.mshr_merges}, {"evictions", c.evictions},
                                       {"writebacks", c.writebacks}, {"bank_conflicts", c.bank_conflicts}};
    }
    j["total"]["memory"]["l2"]["by_core"] = by_core;
  }
  ordered_json layers = ordered_json::array();
  for (const auto& l : r.layers) {
    ordered_json e;
    e["name"] = l.layer.name;
    e["cycles"] = l.cycles;
    e["macs"] = l.macs;
    e["utilization"] = l.utilization;
    e["tiles"] = l.tiles;
    if (l.traffic) add_traffic_headline(e, *l.traffic);
    e["shape"] = shape_json(l.layer);
    if (r.mode == TimingMode::Native) e["breakdown"] = breakdown_json(l.breakdown);
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
    if (l.functional_match) e["functional_match"] = *l.functional_match;
    layers.push_back(e);
  }
  j["layers"] = layers;
  j["arch"] = {{"rows", r.arch.array.rows},
               {"cols", r.arch.array.cols},
               {"dataflow", std::string(to_string(r.arch.array.dataflow))},
               {"core_clock_hz", r.arch.clock.core_hz}};
  j["run"] = {{"timing", r.mode == TimingMode::Native ? "native" : "scalesim"},
              {"memory", r.mode == TimingMode::ScaleSim ? "none" : r.ideal_memory ? "ideal" : "simulated"},
              {"functional", r.functional},
              {"simulated_seconds", static_cast<double>(r.total_cycles) / r.arch.clock.core_hz},
              {"wall_seconds", r.wall_seconds},
              {"simulated_cycles_per_second", r.simulated_cycles_per_second()}};
  return j.dump(2) + "\n";
}

std::string layers_csv(const RunResult& r) {
  std::string out =
      "name,kind,m,n,k,groups,cycles,macs,utilization,tiles,compute,underuse,preload,drain,fill_drain,memory,"
      "dram_read_bytes,dram_write_bytes,l2_hits,l2_misses,dma_load_bytes,dma_store_bytes\n";
  for (const auto& l : r.layers) {
    const GemmShape g = l.layer.gemm();
    const auto& b = l.breakdown;
    const MemoryTraffic t = l.traffic.value_or(MemoryTraffic{});
    out += fmt::format("{},{},{},{},{},{},{},{},{:.6f},{},{:.2f},{:.2f},{},{},{},{},{},{},{},{},{},{}\n", csv_field(l.layer.name),
                       l.layer.kind == LayerKind::Gemm ? "gemm" : "conv", g.m, g.n, g.k, l.layer.groups, l.cycles,
                       l.macs, l.utilization, l.tiles, b.compute, b.underuse, b.preload, b.drain, b.fill_drain, b.memory,
                       t.dram_read_bytes, t.dram_write_bytes, t.l2_hits, t.l2_misses, t.dma_load_bytes, t.dma_store_bytes);
  }
  return out;
}

void write_run_outputs(const std::string& dir, const RunResult& result, const std::string& resolved_config_yaml) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw std::runtime_error(fmt::format("cannot create output directory {}: {}", dir, ec.message()));
  const std::filesystem::path d(dir);
  write_file(d / "config.yaml", resolved_config_yaml);
  write_file(d / "layers.csv", layers_csv(result));
  write_file(d / "summary.json", summary_json(result));  // last: its presence means the run is complete
}

}  // namespace systolica
