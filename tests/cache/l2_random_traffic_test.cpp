// Many requesters, random traffic, small and busy caches: no deadlock (a watchdog names the stuck module
// if one happens), every request answered exactly once, bytes conserved per requester, the L2's counters
// consistent with what was sent and with what memory saw, and, in functional runs, every read returning
// the bytes of the latest write before it.
//
// Why the functional check is exact: requests for one line always go to one bank, the test initiator
// sends each bank's requests in order, and a bank serves its requests in arrival order (a request that
// merges into a fill is applied when the fill lands, in the order it merged). So the order in which the
// initiator sends requests is the order their effects take, line by line: a reference memory updated at
// send time predicts every read.
#include <gtest/gtest.h>

#include <random>
#include <systemc>
#include <unordered_map>

#include "tests/cache/l2_bench.h"

namespace systolica::test {
namespace {

struct TrafficSetup {
  L2Spec spec;
  L2Options options;
  MemorySetup memory;
  int requesters = 8;
  int requests_each = 1500;
  int outstanding_each = 4;
  std::uint64_t footprint = 16ull * 1024;  // bytes of address space touched
  int hold_every = 0;                    // hold END_RESP on every n-th answer (0: never)
};

struct PerRequester {
  int issued = 0;
  int in_flight = 0;
  std::uint64_t reads = 0, writes = 0, read_bytes = 0, write_bytes = 0;
};

// Drives the bench with random requests and checks what comes back. Call run(), then the checks.
class RandomTraffic {
 public:
  RandomTraffic(L2Bench& bench, const TrafficSetup& setup, const ClockDomain& clock)
      : bench_(bench),
        setup_(setup),
        clock_(clock),
        rng_(12345),
        per_(setup.requesters),
        watchdog_(
            "watchdog", clock, 20000, [this] { return bench_.cpu.answered(); },
            [this] { return remaining(); }, bench.holders()) {
    bench_.cpu.on_send = [this](TestRequest& r) { on_send(r); };
    bench_.cpu.on_answer = [this](TestRequest& r) { on_answer(r); };
    if (setup.hold_every > 0) {
      bench_.cpu.hold_every_nth_answer(setup.hold_every, 3);
    }
    for (int core = 0; core < setup.requesters; ++core) {
      for (int i = 0; i < setup.outstanding_each; ++i) {
        issue(core, 0);
      }
    }
  }

  void run() {
    sc_core::sc_start(sc_core::sc_time(1, sc_core::SC_SEC));
    watchdog_.finish();
  }

  const Watchdog& watchdog() const { return watchdog_; }
  const std::vector<PerRequester>& per_requester() const { return per_; }
  std::uint64_t data_mismatches() const { return mismatches_; }

 private:
  std::size_t remaining() const {
    std::size_t n = 0;
    for (const PerRequester& p : per_) {
      n += static_cast<std::size_t>(setup_.requests_each - p.issued + p.in_flight);
    }
    return n;
  }

  void issue(int core, Cycle at) {
    PerRequester& p = per_[core];
    if (p.issued == setup_.requests_each) {
      return;
    }
    ++p.issued;
    ++p.in_flight;
    TestRequest r;
    r.at = at;
    r.core = core;
    // Half the requests go to a hot 2 KiB shared by everyone (merges, hits), half anywhere.
    const std::uint64_t span = rng_() % 2 == 0 ? 2048 : setup_.footprint;
    const std::uint64_t line = rng_() % (span / 64);
    const int kind = static_cast<int>(rng_() % 10);  // 0-3 read, 4-7 partial write, 8-9 whole-line write
    r.write = kind >= 4;
    r.size = kind >= 8 ? 64 : 1u << (rng_() % 7);  // 1 .. 64 bytes, aligned to its size
    r.address = line * 64 + (rng_() % (64 / r.size)) * r.size;
    if (r.write) {
      r.data.resize(r.size);
      for (auto& byte : r.data) {
        byte = static_cast<std::uint8_t>(rng_());
      }
      p.writes += 1;
      p.write_bytes += r.size;
    } else {
      p.reads += 1;
      p.read_bytes += r.size;
    }
    bench_.cpu.submit(std::move(r));
  }

  std::uint8_t reference(std::uint64_t address) const {
    const auto it = memory_.find(address);
    return it == memory_.end() ? initial_byte(address) : it->second;
  }

  void on_send(TestRequest& r) {
    if (!setup_.options.functional) {
      return;
    }
    if (r.write) {
      for (unsigned i = 0; i < r.size; ++i) {
        memory_[r.address + i] = r.data[i];
      }
    } else {
      auto& expect = expected_[&r];
      for (unsigned i = 0; i < r.size; ++i) {
        expect.push_back(reference(r.address + i));
      }
    }
  }

  void on_answer(TestRequest& r) {
    if (setup_.options.functional && !r.write) {
      if (r.data != expected_[&r]) {
        ++mismatches_;
      }
      expected_.erase(&r);
    }
    --per_[r.core].in_flight;
    // The requester issues its next request a few cycles later (0 to 3), keeping its window full.
    issue(r.core, cycle_at_or_after(clock_, sc_core::sc_time_stamp()) + static_cast<Cycle>(rng_() % 4));
  }

  L2Bench& bench_;
  TrafficSetup setup_;
  ClockDomain clock_;
  std::mt19937_64 rng_;
  std::vector<PerRequester> per_;
  std::unordered_map<std::uint64_t, std::uint8_t> memory_;
  std::unordered_map<const TestRequest*, std::vector<std::uint8_t>> expected_;
  std::uint64_t mismatches_ = 0;
  Watchdog watchdog_;
};

void run_and_check(const TrafficSetup& setup) {
  const ClockDomain clock(1e9);
  L2Bench bench(setup.spec, setup.options, clock, setup.memory);
  RandomTraffic traffic(bench, setup, clock);
  traffic.run();
  ASSERT_FALSE(traffic.watchdog().tripped()) << traffic.watchdog().report();

  // Every request answered exactly once.
  const std::size_t total = static_cast<std::size_t>(setup.requesters) * setup.requests_each;
  ASSERT_EQ(bench.cpu.count(), total);
  EXPECT_EQ(bench.cpu.answered(), total);
  std::size_t twice = 0;
  for (std::size_t i = 0; i < bench.cpu.count(); ++i) {
    twice += bench.cpu.request(i).answers != 1;
  }
  EXPECT_EQ(twice, 0u);
  EXPECT_EQ(bench.l2.in_flight(), 0u);
  EXPECT_EQ(bench.l2.memory_requests(), 0u);
  EXPECT_EQ(bench.memory.held(), 0u);
  EXPECT_EQ(traffic.data_mismatches(), 0u);

  // Bytes and requests conserved per requester: what it asked for is what the L2 served.
  const L2Stats stats = bench.l2.stats();
  for (int core = 0; core < setup.requesters; ++core) {
    SCOPED_TRACE(core);
    const PerRequester& sent = traffic.per_requester()[core];
    const L2Counters& got = stats.by_requester().at(core);
    EXPECT_EQ(got.reads, sent.reads);
    EXPECT_EQ(got.writes, sent.writes);
    EXPECT_EQ(got.read_bytes, sent.read_bytes);
    EXPECT_EQ(got.write_bytes, sent.write_bytes);
    EXPECT_EQ(got.hits + got.misses, got.reads + got.writes);
    EXPECT_EQ(got.misses, got.mshr_merges + got.fills + got.full_line_write_misses);
    EXPECT_LE(got.writebacks, got.evictions);
  }
  // Memory saw one line read per fill and one line write per write-back, each charged to its requester.
  std::vector<std::uint64_t> reads(setup.requesters), writes(setup.requesters);
  for (const MemoryLogEntry& e : bench.memory.log()) {
    EXPECT_EQ(e.bytes, 64u);
    ++(e.write ? writes : reads)[static_cast<std::size_t>(e.core)];
  }
  for (int core = 0; core < setup.requesters; ++core) {
    EXPECT_EQ(reads[core], stats.by_requester().at(core).fills) << core;
    EXPECT_EQ(writes[core], stats.by_requester().at(core).writebacks) << core;
  }
  const L2Counters t = stats.total();
  // Enough happened to mean something: every mechanism was exercised.
  EXPECT_GT(t.hits, 0u);
  EXPECT_GT(t.mshr_merges, 0u);
  EXPECT_GT(t.writebacks, 0u);
  EXPECT_GT(t.bank_conflicts, 0u);
  EXPECT_GT(t.blocked_cycles, 0u);
  EXPECT_GT(t.full_line_write_misses, 0u);
}

TrafficSetup base_setup() {
  TrafficSetup s;
  // 2 KiB, 2 ways, 4 banks: 4 sets per bank, for a 16 KiB footprint. Few MSHRs and write buffers, a short
  // input queue and a memory that holds few requests, so every limit is hit often.
  s.spec = l2_spec(2048, 2, 4, 6, 4, 2);
  s.options.input_queue = 4;
  s.options.targets_per_mshr = 4;
  s.memory.latency = 40;
  s.memory.capacity = 6;
  return s;
}

TEST(L2RandomTraffic, FunctionalLruWithSlowUpstream) {
  TrafficSetup s = base_setup();
  s.options.functional = true;
  s.hold_every = 7;  // the upstream sometimes takes 3 cycles to close a response
  run_and_check(s);
}

TEST(L2RandomTraffic, FunctionalRandomReplacementWithoutWriteBuffers) {
  TrafficSetup s = base_setup();
  s.spec = l2_spec(2048, 2, 4, 6, 2, /*write_buffers=*/0, "random");
  s.options.functional = true;
  s.options.targets_per_mshr = 2;
  s.memory.capacity = 2;
  run_and_check(s);
}

TEST(L2RandomTraffic, TimingOnlySrripManyRequesters) {
  TrafficSetup s = base_setup();
  s.spec = l2_spec(4096, 4, 4, 12, 8, 4, "srrip");
  s.requesters = 16;
  s.requests_each = 1000;
  s.memory.latency = 100;
  run_and_check(s);
}

TEST(L2RandomTraffic, WatchdogNamesAStuckMemory) {
  TrafficSetup s = base_setup();
  s.memory.answer = false;  // accepts requests and never answers
  const ClockDomain clock(1e9);
  L2Bench bench(s.spec, s.options, clock, s.memory);
  RandomTraffic traffic(bench, s, clock);
  traffic.run();
  ASSERT_TRUE(traffic.watchdog().tripped());
  EXPECT_EQ(traffic.watchdog().stuck(), "memory") << traffic.watchdog().report();
}

}  // namespace
}  // namespace systolica::test
