#include "arch/dram/dram_config.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>

#include "arch/dram/address_mapping.h"

namespace systolica::dram {

namespace {

template <typename T, typename U>
void apply(T& field, const std::optional<U>& override_value) {
  if (override_value) field = static_cast<T>(*override_value);
}

bool power_of_two(std::int64_t n) { return n > 0 && (n & (n - 1)) == 0; }

// Adds a problem unless `ok`.
struct Problems {
  std::vector<DramProblem> list;
  void require(bool ok, std::vector<std::string> fields, std::string message) {
    if (!ok) list.push_back({std::move(fields), std::move(message)});
  }
};

void check_geometry(const DramConfig& c, Problems& p) {
  const DramOrganization& o = c.org;
  const struct {
    const char* field;
    std::int64_t value;
  } pow2[] = {{"channels", o.channels},       {"ranks", o.ranks},         {"org.bank_groups", o.bank_groups},
              {"org.banks_per_group", o.banks_per_group}, {"org.rows", o.rows}, {"org.columns", o.columns},
              {"org.bus_bits", o.bus_bits},   {"org.burst_length", o.burst_length}};
  for (const auto& f : pow2) {
    p.require(power_of_two(f.value), {f.field},
              fmt::format("{} is {}, not a power of two; the controller indexes it with address bits", f.field,
                          f.value));
  }
  p.require(o.bus_bits >= 8, {"org.bus_bits"},
            fmt::format("bus_bits is {}; a channel is at least 8 bits (one byte) wide", o.bus_bits));
  p.require(o.burst_length >= 2, {"org.burst_length"},
            fmt::format("burst_length is {}; a double-data-rate burst is at least 2 beats", o.burst_length));
  p.require(o.burst_length <= o.columns, {"org.burst_length", "org.columns"},
            fmt::format("a burst of {} columns (burst_length) is bigger than a row of {} columns",
                        o.burst_length, o.columns));
}

void check_timing(const DramConfig& c, Problems& p) {
  const DramTiming& t = c.timing;
  const int burst = c.burst_cycles();
  p.require(t.tRC >= t.tRAS + t.tRP, {"timing.tRC", "timing.tRAS", "timing.tRP"},
            fmt::format("tRC ({}) is less than tRAS + tRP ({} + {} = {}); a bank cannot be "
                        "activated, kept open and precharged faster than that",
                        t.tRC, t.tRAS, t.tRP, t.tRAS + t.tRP));
  p.require(t.tRAS >= t.tRCD, {"timing.tRAS", "timing.tRCD"},
            fmt::format("tRAS ({}) is less than tRCD ({}); a row would close before it can be read",
                        t.tRAS, t.tRCD));
  p.require(t.tFAW >= 4 * t.tRRD_S, {"timing.tFAW", "timing.tRRD_S"},
            fmt::format("tFAW ({}) is less than 4 x tRRD_S ({}); four activates already take "
                        "longer than the window",
                        t.tFAW, 4 * t.tRRD_S));
  p.require(t.tRRD_L >= t.tRRD_S, {"timing.tRRD_L", "timing.tRRD_S"},
            fmt::format("tRRD_L ({}) is less than tRRD_S ({}); the same bank group is never faster",
                        t.tRRD_L, t.tRRD_S));
  p.require(t.tCCD_L >= t.tCCD_S, {"timing.tCCD_L", "timing.tCCD_S"},
            fmt::format("tCCD_L ({}) is less than tCCD_S ({}); the same bank group is never faster",
                        t.tCCD_L, t.tCCD_S));
  p.require(t.tWTR_L >= t.tWTR_S, {"timing.tWTR_L", "timing.tWTR_S"},
            fmt::format("tWTR_L ({}) is less than tWTR_S ({}); the same bank group is never faster",
                        t.tWTR_L, t.tWTR_S));
  p.require(t.tCCD_S >= burst, {"timing.tCCD_S", "org.burst_length"},
            fmt::format("tCCD_S ({}) is shorter than a burst on the data bus (burst_length {} = "
                        "{} clocks); bursts would overlap",
                        t.tCCD_S, c.org.burst_length, burst));
  p.require(t.tRPab >= t.tRP, {"timing.tRPab", "timing.tRP"},
            fmt::format("tRPab ({}) is less than tRP ({}); closing all banks is never faster than one",
                        t.tRPab, t.tRP));
  p.require(!c.refresh || t.tREFI > t.tRFC, {"timing.tREFI", "timing.tRFC"},
            fmt::format("tREFI ({}) is not longer than tRFC ({}); the memory would do nothing but "
                        "refresh",
                        t.tREFI, t.tRFC));
}

}  // namespace

DramConfig resolve_dram_config(const DramSpec& s) {
  DramConfig c;
  c.model = s.model;
  const DramPreset* preset = find_preset(s.preset);
  if (preset != nullptr) {
    c.preset = std::string(preset->name);
    c.org = preset->org;
    c.timing = preset->timing;
  } else {
    c.preset = s.preset;  // find_problems reports it
  }
  c.org.channels = s.channels;
  c.org.ranks = s.ranks;
  apply(c.org.bank_groups, s.org.bank_groups);
  apply(c.org.banks_per_group, s.org.banks_per_group);
  apply(c.org.rows, s.org.rows);
  apply(c.org.columns, s.org.columns);
  apply(c.org.bus_bits, s.org.bus_bits);
  apply(c.org.burst_length, s.org.burst_length);

  DramTiming& t = c.timing;
  const DramTimingOverrides& o = s.timing;
  if (o.tCK_ns) t.tCK_ps = static_cast<int>(std::lround(*o.tCK_ns * 1000.0));
  apply(t.CL, o.CL);
  apply(t.CWL, o.CWL);
  apply(t.tRCD, o.tRCD);
  apply(t.tRP, o.tRP);
  apply(t.tRPab, o.tRPab);
  apply(t.tRAS, o.tRAS);
  apply(t.tRC, o.tRC);
  apply(t.tCCD_S, o.tCCD_S);
  apply(t.tCCD_L, o.tCCD_L);
  apply(t.tRRD_S, o.tRRD_S);
  apply(t.tRRD_L, o.tRRD_L);
  apply(t.tFAW, o.tFAW);
  apply(t.tWR, o.tWR);
  apply(t.tWTR_S, o.tWTR_S);
  apply(t.tWTR_L, o.tWTR_L);
  apply(t.tRTP, o.tRTP);
  apply(t.tPPD, o.tPPD);
  apply(t.tRTRS, o.tRTRS);
  apply(t.tREFI, o.tREFI);
  apply(t.tRFC, o.tRFC);

  c.page_policy = s.page_policy == "closed" ? PagePolicy::Closed : PagePolicy::Open;
  c.address_mapping = s.address_mapping;
  c.refresh = s.refresh;
  c.read_queue = s.read_queue;
  c.write_queue = s.write_queue;
  // A drain starts at the high-water mark and stops at the low one; the low mark stays below the high.
  c.drain_high = std::clamp(static_cast<int>(std::lround(s.write_drain_high * s.write_queue)), 1, s.write_queue);
  c.drain_low = std::min(static_cast<int>(std::lround(s.write_drain_low * s.write_queue)), c.drain_high - 1);
  c.frontend_latency = s.frontend_latency;
  c.fixed_latency = t.tCK_ps > 0 ? static_cast<DramCycle>(std::ceil(s.fixed_latency_ns * 1000.0 / t.tCK_ps - 1e-9))
                                 : 0;
  return c;
}

std::vector<DramProblem> find_problems(const DramConfig& c) {
  Problems p;
  if (find_preset(c.preset) == nullptr) {
    p.require(false, {"preset"}, fmt::format("preset '{}' is unknown; expected DDR4-2400, LPDDR4-3200 or HBM2",
                                             c.preset));
    return p.list;
  }
  check_geometry(c, p);
  if (p.list.empty()) {  // the mapping's field widths need a sane geometry
    const std::string mapping = AddressMapper::mapping_error(c.address_mapping);
    p.require(mapping.empty(), {"address_mapping"}, mapping);
  }
  p.require(c.timing.tCK_ps > 0, {"timing.tCK"}, "tCK rounds to 0 ps; expected a positive clock period");
  check_timing(c, p);
  return p.list;
}

DramConfig make_dram_config(const DramSpec& spec) {
  DramConfig c = resolve_dram_config(spec);
  const auto problems = find_problems(c);
  if (!problems.empty()) throw DramConfigError(problems.front().fields, problems.front().message);
  return c;
}

}  // namespace systolica::dram
