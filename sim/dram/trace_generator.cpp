#include "sim/dram/trace_generator.h"

#include <fmt/format.h>

#include <cmath>
#include <functional>
#include <stdexcept>

namespace systolica::dram {

namespace {

constexpr std::uint64_t KiB = 1024, MiB = 1024 * KiB, GiB = 1024 * MiB;
constexpr std::uint64_t kLine = 64;
constexpr std::uint64_t kRowStride = 128 * KiB;  // DDR4-2400 under ro_ba_bg_co: one row of every bank

// splitmix64: small, fast, and the same on every platform (std:: distributions are not).
struct Random {
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
};

struct Kind {
  const char* name;
  std::uint64_t requests;  // dram.md's count
  double interval_ns;      // default
  // Address and direction of request i.
  std::function<TraceRequest(std::uint64_t i, Random& rng)> make;
};

TraceRequest rd(std::uint64_t a) { return {false, a, -1}; }
TraceRequest wr(std::uint64_t a) { return {true, a, -1}; }

const std::vector<Kind>& kinds() {
  static const std::vector<Kind> k{
      {"seq_rd", 262144, 0, [](std::uint64_t i, Random&) { return rd(i * kLine); }},
      {"seq_wr", 262144, 0, [](std::uint64_t i, Random&) { return wr(i * kLine); }},
      {"rand_rd", 262144, 0, [](std::uint64_t, Random& r) { return rd(r.next() % (GiB / kLine) * kLine); }},
      {"stride4k_rd", 262144, 0, [](std::uint64_t i, Random&) { return rd(i * 4 * KiB); }},
      // Three streams, round-robin per line, each starting in its own bank (bank group 0/1/2, bank 0/1/2).
      {"mixed_skewed", 196608, 0,
       [](std::uint64_t i, Random&) {
         const std::uint64_t line = i / 3 * kLine;
         switch (i % 3) {
           case 0: return rd(line);
           case 1: return rd(256 * MiB + 5 * 8 * KiB + line);
           default: return wr(512 * MiB + 10 * 8 * KiB + line);
         }
       }},
      {"idle_seq", 2000, 500, [](std::uint64_t i, Random&) { return rd(i * kLine); }},
      {"idle_rand", 2000, 500, [](std::uint64_t, Random& r) { return rd(r.next() % (GiB / kLine) * kLine); }},
      // Two rows of bank 0 in turn: every access after the first is a row conflict.
      {"idle_conflict", 2000, 500, [](std::uint64_t i, Random&) { return rd((i % 2) * kRowStride); }},
  };
  return k;
}

}  // namespace

std::vector<std::string> trace_names() {
  std::vector<std::string> names;
  for (const Kind& k : kinds()) names.emplace_back(k.name);
  return names;
}

std::vector<TraceRequest> generate_trace(const TraceSpec& spec) {
  for (const Kind& k : kinds()) {
    if (spec.name != k.name) continue;
    const std::uint64_t n = spec.requests != 0 ? spec.requests : k.requests;
    const double interval = spec.interval_ns >= 0 ? spec.interval_ns : k.interval_ns;
    Random rng{spec.seed};
    std::vector<TraceRequest> out;
    out.reserve(n);
    for (std::uint64_t i = 0; i < n; ++i) {
      TraceRequest r = k.make(i, rng);
      if (interval > 0) r.time_ps = std::llround(static_cast<double>(i) * interval * 1000.0);
      out.push_back(r);
    }
    return out;
  }
  throw std::invalid_argument(fmt::format("unknown trace '{}'; expected one of {}", spec.name,
                                          fmt::join(trace_names(), ", ")));
}

void write_trace(std::ostream& os, const std::vector<TraceRequest>& trace) {
  std::string out;
  out.reserve(trace.size() * 24);
  for (const TraceRequest& r : trace) {
    out += r.is_write ? "W " : "R ";
    out += fmt::format("{:#x}", r.address);
    if (r.time_ps >= 0) {
      out += r.time_ps % 1000 == 0 ? fmt::format(" {}", r.time_ps / 1000)
                                   : fmt::format(" {}.{:03}", r.time_ps / 1000, r.time_ps % 1000);
    }
    out += '\n';
  }
  os << out;
}

}  // namespace systolica::dram
