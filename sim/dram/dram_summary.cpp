#include "sim/dram/dram_summary.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

namespace systolica::dram {

double DramSummary::bandwidth_gbps() const {
  const double bytes = static_cast<double>(run.stats.read_bytes + run.stats.write_bytes);
  return sim_time_ns() > 0 ? bytes / sim_time_ns() : 0.0;  // bytes per ns = GB/s
}

double DramSummary::requests_per_second() const {
  return run.cpu_seconds > 0 ? static_cast<double>(run.requests) / run.cpu_seconds : 0.0;
}

std::string summary_json(const DramSummary& s) {
  using nlohmann::ordered_json;
  const DramStats& st = s.run.stats;
  const CommandCounts& c = st.commands;
  const DramOrganization& o = s.config.org;
  ordered_json banks = ordered_json::array();
  for (std::size_t i = 0; i < st.banks.size(); ++i) {
    const int per_channel = o.banks_per_channel();
    const int in_channel = static_cast<int>(i) % per_channel;
    banks.push_back({{"channel", static_cast<int>(i) / per_channel},
                     {"rank", in_channel / o.banks_per_rank()},
                     {"bank_group", in_channel % o.banks_per_rank() / o.banks_per_group},
                     {"bank", in_channel % o.banks_per_group},
                     {"ACT", st.banks[i].act},
                     {"RD", st.banks[i].rd},
                     {"WR", st.banks[i].wr}});
  }
  ordered_json histogram = ordered_json::array();  // [latency, count] for every latency that occurred
  const auto& buckets = st.read_latency.buckets();
  for (std::size_t l = 0; l < buckets.size(); ++l) {
    if (buckets[l] != 0) histogram.push_back({l, buckets[l]});
  }
  const double cpu_per_million = s.run.requests > 0 ? s.run.cpu_seconds * 1e6 / static_cast<double>(s.run.requests) : 0;
  ordered_json j{
      {"trace", s.trace},
      {"model", s.config.model},
      {"preset", s.config.preset},
      {"channels", o.channels},
      {"ranks", o.ranks},
      {"address_mapping", s.config.address_mapping},
      {"page_policy", s.config.page_policy == PagePolicy::Open ? "open" : "closed"},
      {"refresh", s.config.refresh},
      {"tck_ns", s.config.timing.tCK_ns()},
      {"frontend_latency_cycles", s.config.frontend_latency},
      {"requests", s.run.requests},
      {"reads", st.reads},
      {"writes", st.writes},
      {"bytes_read", st.read_bytes},
      {"bytes_written", st.write_bytes},
      {"sim_cycles", s.run.end_cycle},
      {"sim_time_ns", s.sim_time_ns()},
      {"bandwidth_gbps", s.bandwidth_gbps()},
      {"peak_bandwidth_gbps", s.config.peak_bytes_per_ns()},
      {"bandwidth_utilization", s.config.peak_bytes_per_ns() > 0 ? s.bandwidth_gbps() / s.config.peak_bytes_per_ns() : 0},
      {"read_latency_avg_cycles", st.read_latency.mean()},
      {"read_latency_p50_cycles", st.read_latency.percentile(0.50)},
      {"read_latency_p99_cycles", st.read_latency.percentile(0.99)},
      {"read_latency_max_cycles", st.read_latency.max()},
      {"write_latency_avg_cycles", st.write_latency.mean()},
      {"write_latency_p99_cycles", st.write_latency.percentile(0.99)},
      {"row_hit_rate", st.row_hit_rate()},
      {"row_hits", st.row_hits},
      {"row_misses", st.row_misses},
      {"row_conflicts", st.row_conflicts},
      {"commands", {{"ACT", c.act}, {"PRE", c.pre}, {"RD", c.rd}, {"WR", c.wr}, {"REF", c.ref},
                    {"PREA", c.prea}, {"RDA", c.rda}, {"WRA", c.wra}}},
      {"answered", s.run.answered},
      {"bytes_requested", s.run.bytes_requested},
      {"bytes_answered", s.run.bytes_answered},
      {"wall_seconds", s.run.wall_seconds},
      {"cpu_seconds", s.run.cpu_seconds},
      {"requests_per_cpu_second", s.requests_per_second()},
      {"cpu_seconds_per_million_requests", cpu_per_million},
      {"simulated_cycles_per_second", s.run.cpu_seconds > 0 ? static_cast<double>(s.run.end_cycle) / s.run.cpu_seconds : 0},
      {"per_bank", banks},
      {"read_latency_histogram", histogram},
  };
  return j.dump(2) + "\n";
}

std::string summary_text(const DramSummary& s) {
  const DramStats& st = s.run.stats;
  const CommandCounts& c = st.commands;
  const DramOrganization& o = s.config.org;
  std::string out;
  out += fmt::format("DRAM trace {}\n", s.trace);
  out += fmt::format("  memory     {} x{} channel{}, {} rank{}, mapping {}, {} page, refresh {}, model {}\n",
                     s.config.preset, o.bus_bits, o.channels > 1 ? fmt::format("s x {}", o.channels) : "", o.ranks,
                     o.ranks > 1 ? "s" : "", s.config.address_mapping,
                     s.config.page_policy == PagePolicy::Open ? "open" : "closed", s.config.refresh ? "on" : "off",
                     s.config.model);
  out += fmt::format("  requests   {} ({} reads, {} writes), {} answered\n", s.run.requests, st.reads, st.writes,
                     s.run.answered);
  out += fmt::format("  time       {} DRAM clocks = {:.1f} us (tCK {:g} ns)\n", s.run.end_cycle, s.sim_time_ns() / 1e3,
                     s.config.timing.tCK_ns());
  out += fmt::format("  bandwidth  {:.2f} GB/s of {:.2f} GB/s peak ({:.1f}%)\n", s.bandwidth_gbps(),
                     s.config.peak_bytes_per_ns(),
                     s.config.peak_bytes_per_ns() > 0 ? 100 * s.bandwidth_gbps() / s.config.peak_bytes_per_ns() : 0);
  out += fmt::format("  read lat.  avg {:.1f}, p50 {}, p99 {}, max {} clocks (acceptance to last data beat)\n",
                     st.read_latency.mean(), st.read_latency.percentile(0.5), st.read_latency.percentile(0.99),
                     st.read_latency.max());
  if (st.writes > 0) {
    out += fmt::format("  write lat. avg {:.1f}, p99 {} clocks (writes are answered on acceptance)\n",
                       st.write_latency.mean(), st.write_latency.percentile(0.99));
  }
  out += fmt::format("  rows       hit rate {:.3f}: {} hits, {} misses, {} conflicts\n", st.row_hit_rate(), st.row_hits,
                     st.row_misses, st.row_conflicts);
  out += fmt::format("  commands   ACT {}  PRE {}  RD {}  WR {}  REF {}  (PREA {}, RDA {}, WRA {})\n", c.act, c.pre, c.rd,
                     c.wr, c.ref, c.prea, c.rda, c.wra);
  out += fmt::format("  speed      {:.3f} s CPU, {:.3g} requests/s, {:.3g} DRAM clocks/s\n", s.run.cpu_seconds,
                     s.requests_per_second(),
                     s.run.cpu_seconds > 0 ? static_cast<double>(s.run.end_cycle) / s.run.cpu_seconds : 0.0);
  return out;
}

}  // namespace systolica::dram
