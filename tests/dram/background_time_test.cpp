// Background-state time for the power model: DRAM clocks each rank spent with at least one bank open
// (active standby) out of all clocks elapsed. Exact values on hand-made cases (DDR4-2400: tRCD 17,
// tRAS 39, tRTP 9, CWL 12, BL8 = 4 clocks, tWR 18; a request accepted in cycle t can issue from t + 1),
// the event bookkeeping (RankActivity) on its own, an independent oracle on random traffic, and the
// SystemC module replaying skipped refreshes before it answers (the file's only SystemC elaboration:
// ctest runs each test in its own process).
#include <gtest/gtest.h>
#include <tlm_utils/simple_initiator_socket.h>

#include <algorithm>
#include <functional>
#include <map>
#include <random>
#include <systemc>
#include <tlm>

#include "arch/dram/dram_controller.h"
#include "arch/dram/rank_activity.h"
#include "tests/dram/dram_test_util.h"

namespace systolica::dram::test {
namespace {

// ---- The bookkeeping on its own -------------------------------------------------------------------

TEST(DramRankActivity, OverlappingBanksCountOnce) {
  RankActivity r(16);
  r.open(10);   // bank A
  r.open(20);   // bank B
  r.close(30);  // A
  r.close(50);  // B: the rank was active over [10, 50)
  EXPECT_EQ(r.active_cycles(5), 0u);
  EXPECT_EQ(r.active_cycles(25), 15u);
  EXPECT_EQ(r.active_cycles(50), 40u);
  EXPECT_EQ(r.active_cycles(100), 40u);
  r.open(60);                            // [60, now) adds up again
  EXPECT_EQ(r.active_cycles(100), 80u);  // 40 + 40
}

TEST(DramRankActivity, AnAutoPrechargedBankCountsUntilItCloses) {
  RankActivity r(16);
  r.open(10);
  r.close_later(27, 49);                // RDA at 27; the device precharges at 49
  EXPECT_EQ(r.active_cycles(40), 30u);  // still open: [10, 40)
  EXPECT_EQ(r.active_cycles(49), 39u);
  EXPECT_EQ(r.active_cycles(100), 39u);  // [10, 49)
  r.open(45);  // another bank opens before the first closes: one active stretch [10, 45 + ...)
  r.close(70);
  EXPECT_EQ(r.active_cycles(100), 60u);  // [10, 70)
}

TEST(DramRankActivity, AQueryBeforeTheLastCommandTakesTheLaterPartBack) {
  // The SystemC controller may issue row commands ahead of simulated time (run_ahead).
  RankActivity r(16);
  r.open(10);
  r.close(50);
  r.open(70);  // active [10, 50) and [70, ...)
  EXPECT_EQ(r.active_cycles(5), 0u);
  EXPECT_EQ(r.active_cycles(30), 20u);
  EXPECT_EQ(r.active_cycles(60), 40u);
  EXPECT_EQ(r.active_cycles(70), 40u);
  EXPECT_EQ(r.active_cycles(75), 45u);
  r.close(80, 1);
  r.close(90, 0);  // a PREA with no bank open changes nothing
  EXPECT_EQ(r.active_cycles(75), 45u);
  EXPECT_EQ(r.active_cycles(100), 50u);
}

// ---- The controller on hand-made requests ---------------------------------------------------------

TEST(DramBackgroundTime, OpenPageKeepsTheBankOpenToTheEnd) {
  const DramConfig cfg = config();
  DramRun run(cfg);
  run.replay({read_at(address_of(cfg, at(0, 0, 0, 5)))});
  // Accepted in cycle 0, ACT in cycle 1, RD 17 later; nothing closes the row (refresh off).
  ASSERT_GE(run.log.size(), 2u);
  EXPECT_EQ(run.log[0].command, Command::ACT);
  EXPECT_EQ(run.log[0].cycle, 1);
  EXPECT_EQ(run.log[1].command, Command::RD);
  const BackgroundTime b = run.engine.background_time(1000);
  EXPECT_EQ(b.rank_cycles, 1000u);
  EXPECT_EQ(b.active_rank_cycles, 999u);  // [1, 1000)
  EXPECT_EQ(run.engine.background_time(1).active_rank_cycles, 0u);
  EXPECT_EQ(run.engine.background_time(2).active_rank_cycles, 1u);
}

TEST(DramBackgroundTime, ClosedPageReadIsOpenUntilItsAutoPrecharge) {
  const DramConfig cfg = config([](DramSpec& s) { s.page_policy = "closed"; });
  ASSERT_EQ(cfg.timing.tRAS, 39);
  ASSERT_EQ(cfg.timing.tRTP, 9);
  DramRun run(cfg);
  run.replay({read_at(address_of(cfg, at(0, 0, 0, 5)))});
  // ACT at 1, RDA at 18; the device precharges at max(RDA + tRTP, ACT + tRAS) = max(27, 40) = 40.
  ASSERT_EQ(run.log.size(), 2u);
  EXPECT_EQ(run.log[0].cycle, 1);
  EXPECT_EQ(run.log[1].command, Command::RDA);
  EXPECT_EQ(run.log[1].cycle, 18);
  EXPECT_EQ(run.engine.background_time(30).active_rank_cycles, 29u);  // [1, 30): not closed yet
  EXPECT_EQ(run.engine.background_time(40).active_rank_cycles, 39u);  // [1, 40) = tRAS
  EXPECT_EQ(run.engine.background_time(5000).active_rank_cycles, 39u);
  EXPECT_EQ(run.engine.background_time(5000).rank_cycles, 5000u);
}

TEST(DramBackgroundTime, ClosedPageWriteIsOpenUntilWriteRecoveryEnds) {
  const DramConfig cfg = config([](DramSpec& s) { s.page_policy = "closed"; });
  DramRun run(cfg);
  run.replay({write_at(address_of(cfg, at(0, 0, 0, 5)))});
  // ACT at 1, WRA at 18; precharge at max(WRA + CWL + BL/2 + tWR, ACT + tRAS) = max(18+12+4+18, 40) = 52.
  ASSERT_EQ(run.log.size(), 2u);
  EXPECT_EQ(run.log[1].command, Command::WRA);
  EXPECT_EQ(run.log[1].cycle, 18);
  EXPECT_EQ(run.engine.background_time(1000).active_rank_cycles, 51u);  // [1, 52)
}

TEST(DramBackgroundTime, TwoBanksOfOneRankCountTheirUnion) {
  const DramConfig cfg = config([](DramSpec& s) { s.page_policy = "closed"; });
  DramRun run(cfg);
  // Bank groups 0 and 1: accepted in cycles 0 and 1. ACTs at 1 and 5 (tRRD_S 4), RDAs at 18 and 22
  // (tRCD 17 after the second ACT; tCCD_S 4 after the first RDA). Precharges at max(27, 40) = 40 and
  // max(31, 44) = 44: the rank is active over [1, 44), 43 clocks, not 39 + 39.
  run.replay({read_at(address_of(cfg, at(0, 0, 0, 5))), read_at(address_of(cfg, at(0, 1, 0, 5)))});
  ASSERT_EQ(run.log.size(), 4u);
  std::vector<DramCycle> cycles;
  for (const auto& c : run.log) cycles.push_back(c.cycle);
  EXPECT_EQ(cycles, (std::vector<DramCycle>{1, 5, 18, 22}));
  EXPECT_EQ(run.engine.background_time(1000).active_rank_cycles, 43u);
}

TEST(DramBackgroundTime, EachRankCountsItsOwnOpenBanks) {
  const DramConfig cfg = config([](DramSpec& s) { s.ranks = 2; });
  DramRun run(cfg);
  const auto r =
      run.replay({read_at(address_of(cfg, at(0, 0, 0, 5))), read_at(address_of(cfg, at(1, 0, 0, 5)), 100)});
  // Rank 0: ACT at 1. Rank 1: accepted at ceil(100 ns / 0.833 ns) = 121, ACT at 122. Open page: both stay
  // open, so at 1000 the ranks were active 999 and 878 clocks, out of 2 x 1000.
  ASSERT_EQ(r.accepted[1], 121);
  ASSERT_EQ(run.log.size(), 4u);
  EXPECT_EQ(run.log[2].command, Command::ACT);
  EXPECT_EQ(run.log[2].address.rank, 1);
  EXPECT_EQ(run.log[2].cycle, 122);
  const BackgroundTime b = run.engine.background_time(1000);
  EXPECT_EQ(b.rank_cycles, 2000u);
  EXPECT_EQ(b.active_rank_cycles, 999u + 878u);
  EXPECT_EQ(run.engine.channel(0).device().active_cycles(0, 1000), 999u);
  EXPECT_EQ(run.engine.channel(0).device().active_cycles(1, 1000), 878u);
}

TEST(DramBackgroundTime, ARefreshClosesTheOpenRow) {
  const DramConfig cfg = config([](DramSpec& s) { s.refresh = true; });
  DramRun run(cfg);
  run.replay({read_at(address_of(cfg, at(0, 0, 0, 5)))});
  // The engine is idle; advance it through its refresh events up to 12,000 as the SystemC module does
  // when it catches up. The refresh due at tREFI = 9360 closes the row with a PREA in that very cycle.
  std::vector<DramCompletion> done;
  while (run.engine.next_event() <= 12000) run.engine.advance(run.engine.next_event(), done);
  ASSERT_EQ(run.log.size(), 4u);
  EXPECT_EQ(run.log[2].command, Command::PREA);
  EXPECT_EQ(run.log[2].cycle, 9360);
  EXPECT_EQ(run.engine.background_time(12000).active_rank_cycles, 9359u);  // [1, 9360)
}

TEST(DramBackgroundTime, TheFixedModelHasNoOpenBanks) {
  const DramConfig cfg = config([](DramSpec& s) {
    s.model = "fixed";
    s.ranks = 2;
    s.channels = 2;
  });
  auto engine = make_dram_engine(cfg);
  replay_trace(*engine, {read_at(0), write_at(64)});
  const BackgroundTime b = engine->background_time(500);
  EXPECT_EQ(b.rank_cycles, 2000u);  // 500 clocks x 2 ranks x 2 channels
  EXPECT_EQ(b.active_rank_cycles, 0u);
}

// ---- Random traffic against an independent oracle -----------------------------------------------

// Active clocks of one rank in [0, now), from the command log alone: each bank is open from its ACT to
// its PRE or PREA, or to the auto-precharge of its RDA/WRA; the rank is active on the union.
std::uint64_t oracle_active(const DramConfig& cfg, const std::vector<IssuedCommand>& log, int channel,
                            int rank, DramCycle now) {
  const DramTiming& tm = cfg.timing;
  std::map<int, DramCycle> opened;  // bank within the rank -> ACT cycle
  std::vector<std::pair<DramCycle, DramCycle>> intervals;
  for (const IssuedCommand& c : log) {
    if (c.address.channel != channel || c.address.rank != rank) continue;
    const int bank = c.address.bank_group * cfg.org.banks_per_group + c.address.bank;
    switch (c.command) {
      case Command::ACT:
        opened[bank] = c.cycle;
        break;
      case Command::PRE:
        intervals.emplace_back(opened.at(bank), c.cycle);
        opened.erase(bank);
        break;
      case Command::PREA:
        for (const auto& [b, t] : opened) intervals.emplace_back(t, c.cycle);
        opened.clear();
        break;
      case Command::RDA:
      case Command::WRA: {
        const DramCycle act = opened.at(bank);
        const DramCycle after =
            c.command == Command::RDA ? c.cycle + tm.tRTP : c.cycle + tm.CWL + cfg.burst_cycles() + tm.tWR;
        intervals.emplace_back(act, std::max(after, act + tm.tRAS));
        opened.erase(bank);
        break;
      }
      default:
        break;
    }
  }
  for (const auto& [b, t] : opened) intervals.emplace_back(t, kNever);
  std::sort(intervals.begin(), intervals.end());
  std::uint64_t active = 0;
  DramCycle covered = 0;  // the union so far ends here
  for (auto [from, to] : intervals) {
    from = std::max(from, covered);
    to = std::min(to, now);
    if (from < to) {
      active += static_cast<std::uint64_t>(to - from);
      covered = to;
    }
  }
  return active;
}

void expect_oracle_on_random_traffic(const std::function<void(DramSpec&)>& tweak, std::uint64_t seed) {
  const DramConfig cfg = config([&](DramSpec& s) {
    s.refresh = true;
    s.timing.tREFI = 2000;  // many refreshes, so PREAs close rows often
    tweak(s);
  });
  DramRun run(cfg);
  CycleEngine& engine = run.engine;
  std::mt19937_64 rng(seed);
  std::vector<DramCompletion> done;
  const int ranks = cfg.org.ranks, channels = cfg.org.channels;
  std::uint64_t last_active = 0;
  int checks = 0;
  auto check = [&](DramCycle now) {
    SCOPED_TRACE(now);
    const BackgroundTime b = engine.background_time(now);
    EXPECT_EQ(b.rank_cycles, static_cast<std::uint64_t>(now) * ranks * channels);
    EXPECT_LE(b.active_rank_cycles, b.rank_cycles);
    std::uint64_t sum = 0;
    for (int c = 0; c < channels; ++c) {
      for (int r = 0; r < ranks; ++r) {
        const std::uint64_t want = oracle_active(cfg, run.log, c, r, now);
        EXPECT_EQ(engine.channel(c).device().active_cycles(r, now), want) << "channel " << c << " rank " << r;
        sum += want;
      }
    }
    EXPECT_EQ(b.active_rank_cycles, sum);
    ++checks;
  };
  for (DramCycle now = 0; now < 30000; ++now) {
    if (engine.next_event() <= now) engine.advance(now, done);
    done.clear();
    // Bursty: busy stretches that keep rows open and idle ones in which the refreshes close them.
    const bool busy = (now / 3000) % 2 == 0;
    if (busy && rng() % 3 == 0) {
      const DramAddress a = at(static_cast<int>(rng() % ranks), static_cast<int>(rng() % 4),
                               static_cast<int>(rng() % 4), static_cast<std::int64_t>(rng() % 3),
                               static_cast<std::int64_t>(rng() % 128), static_cast<int>(rng() % channels));
      const std::uint64_t address = address_of(cfg, a);
      const bool write = rng() % 3 == 0;
      if (engine.can_accept(engine.channel_of(address), write, 1)) {
        engine.accept({address, write, 0}, now);
        if (engine.next_event() <= now) engine.advance(now, done);
        done.clear();
      }
    }
    if (now % 97 == 0) {
      check(now);
      // Also a few clocks back: commands issued after that point are taken back.
      if (now >= 3) check(now - 3);
      const std::uint64_t active = engine.background_time(now).active_rank_cycles;
      EXPECT_GE(active, last_active);  // never decreases
      last_active = active;
    }
  }
  EXPECT_GT(checks, 600);
  EXPECT_GT(last_active, 0u);
  EXPECT_LT(last_active, 30000u * ranks * channels);  // the idle stretches are precharged standby
  EXPECT_GT(engine.stats().commands.prea, 0u);
}

TEST(DramBackgroundTime, RandomTrafficMatchesAnOracleFromTheCommandLog) {
  expect_oracle_on_random_traffic([](DramSpec&) {}, 1);
  expect_oracle_on_random_traffic([](DramSpec& s) { s.page_policy = "closed"; }, 2);
  expect_oracle_on_random_traffic(
      [](DramSpec& s) {
        s.ranks = 2;
        s.channels = 2;
      },
      3);
  expect_oracle_on_random_traffic(
      [](DramSpec& s) {
        s.ranks = 2;
        s.channels = 2;
        s.page_policy = "closed";
      },
      4);
}

// ---- The SystemC module -------------------------------------------------------------------------

// Sends one timing-only read at time 0 and takes its response.
class OneRead : public sc_core::sc_module {
 public:
  tlm_utils::simple_initiator_socket<OneRead> socket;
  bool answered = false;

  explicit OneRead(sc_core::sc_module_name name) : sc_module(name), socket("socket") {
    socket.register_nb_transport_bw(this, &OneRead::bw);
    SC_HAS_PROCESS(OneRead);
    SC_THREAD(run);
  }

 private:
  void run() {
    payload_.set_command(tlm::TLM_READ_COMMAND);
    payload_.set_address(0);
    payload_.set_data_length(64);
    payload_.set_streaming_width(64);
    payload_.set_data_ptr(nullptr);
    tlm::tlm_phase phase = tlm::BEGIN_REQ;
    sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
    socket->nb_transport_fw(payload_, phase, delay);
  }
  tlm::tlm_sync_enum bw(tlm::tlm_generic_payload&, tlm::tlm_phase& phase, sc_core::sc_time&) {
    if (phase == tlm::BEGIN_RESP) answered = true;
    return phase == tlm::BEGIN_RESP ? tlm::TLM_COMPLETED : tlm::TLM_ACCEPTED;
  }
  tlm::tlm_generic_payload payload_;
};

TEST(DramBackgroundModule, AnIdleModuleReplaysItsRefreshesBeforeCounting) {
  DramSpec spec;  // DDR4-2400, open page, refresh on
  DramController dram("dram", make_dram_engine(make_dram_config(spec)));
  OneRead reader("reader");
  reader.socket.bind(dram.socket);
  sc_core::sc_start(sc_core::sc_time(20, sc_core::SC_US));
  ASSERT_TRUE(reader.answered);
  // 20 us = 24,009.6 clocks of 0.833 ns: 24,009 whole clocks. The read's ACT is at 1. The module slept
  // since the read: without replaying the refreshes it skipped (due at 9360 and 18720) its row would
  // still be open; the first one's PREA closes it in cycle 9360.
  EXPECT_EQ(dram.stats().commands.ref, 0u);  // nothing replayed yet
  const BackgroundTime b = dram.background_time();
  EXPECT_EQ(b.rank_cycles, 24009u);
  EXPECT_EQ(b.active_rank_cycles, 9359u);
  EXPECT_EQ(dram.stats().commands.ref, 2u);
  EXPECT_EQ(dram.stats().commands.prea, 1u);
}

}  // namespace
}  // namespace systolica::dram::test
