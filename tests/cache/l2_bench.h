#pragma once
// An L2 between the test initiator (standing in for the interconnect) and the fixed-latency memory, bound
// the way the SoC binds it. One bench per TEST: SystemC elaborates once per process.
#include <string>
#include <vector>

#include "arch/cache/l2_cache.h"
#include "tests/cache/fixed_latency_memory.h"
#include "tests/cache/test_initiator.h"
#include "tests/cache/watchdog.h"

namespace systolica::test {

inline L2Spec l2_spec(std::uint64_t capacity, int ways, int banks, int hit_latency, int mshrs,
                      int write_buffers, const std::string& replacement = "lru") {
  L2Spec s;
  s.capacity_bytes = capacity;
  s.ways = ways;
  s.line_bytes = 64;
  s.banks = banks;
  s.hit_latency_cycles = hit_latency;
  s.mshrs = mshrs;
  s.write_buffers = write_buffers;
  s.replacement = replacement;
  return s;
}

struct MemorySetup {
  ClockDomain clock{1e9};
  Cycle latency = 50;
  std::size_t capacity = 1 << 20;
  bool answer = true;
};

struct L2Bench {
  L2Cache l2;
  FixedLatencyMemory memory;
  TestInitiator cpu;

  L2Bench(const L2Spec& spec, const L2Options& options, const ClockDomain& clock, const MemorySetup& m = {})
      : l2("l2", spec, clock, options),
        memory("memory", m.clock, m.latency, m.capacity, m.answer),
        cpu("cpu", spec, clock, options.functional) {
    cpu.bind_to(l2);
    l2.downstream.bind(memory.socket);
  }

  // From the requester down to memory, for the watchdog.
  std::vector<Holder> holders() {
    std::vector<Holder> h;
    h.push_back({0, "cpu", [this] { return cpu.unsent(); }});
    for (int b = 0; b < l2.banks(); ++b) {
      h.push_back({1, "l2.bank" + std::to_string(b), [this, b] { return l2.in_flight(b); },
                   [this, b] { return l2.describe(b); }});
    }
    h.push_back({2, "l2.memory_port", [this] { return l2.memory_requests(); }});
    h.push_back({3, "memory", [this] { return memory.held(); }});
    return h;
  }
};

}  // namespace systolica::test
