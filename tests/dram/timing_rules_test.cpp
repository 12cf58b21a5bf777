// Every timing constraint at the command level: after a set-up sequence, the checked command is not
// legal one clock before the cycle the constraint allows, and legal at that cycle. The expected cycles
// are written out from dram.md's DDR4-2400 values (CL 17, CWL 12, BL8 = 4 clocks on the bus, tRCD 17,
// tRP 17, tRAS 39, tRC 56, tCCD_S/L 4/6, tRRD_S/L 4/6, tFAW 26, tWR 18, tWTR_S/L 3/9, tRTP 9, tRFC 420).
#include <gtest/gtest.h>

#include "arch/dram/dram_device.h"
#include "tests/dram/dram_test_util.h"

namespace systolica::dram::test {
namespace {

// A: rank 0, bank group 0, bank 0. B: same bank group, bank 1. C: bank group 1, bank 0. D: group 2.
const DramAddress A = at(0, 0, 0, 5), B = at(0, 0, 1, 7), C = at(0, 1, 0, 9), D = at(0, 2, 0, 3);

// Not legal at t - 1, legal at t, and t is exactly what the device reports.
void expect_first_legal(const DramDevice& dev, Command c, const DramAddress& a, DramCycle t) {
  EXPECT_FALSE(dev.legal(c, a, t - 1)) << to_string(c) << " legal at " << t - 1;
  EXPECT_TRUE(dev.legal(c, a, t)) << to_string(c) << " not legal at " << t;
  EXPECT_EQ(dev.earliest(c, a), t) << to_string(c);
}

TEST(DramTiming, ActToColumnIsTRCD) {
  DramDevice dev(config());
  dev.issue(Command::ACT, A, 100);
  expect_first_legal(dev, Command::RD, A, 100 + 17);
  expect_first_legal(dev, Command::WR, A, 100 + 17);
}

TEST(DramTiming, ActToPreIsTRAS) {
  DramDevice dev(config());
  dev.issue(Command::ACT, A, 100);
  expect_first_legal(dev, Command::PRE, A, 100 + 39);
}

TEST(DramTiming, PreToActIsTRP) {
  DramDevice dev(config());
  dev.issue(Command::ACT, A, 100);
  dev.issue(Command::PRE, A, 200);
  expect_first_legal(dev, Command::ACT, A, 200 + 17);
}

TEST(DramTiming, ActToActSameBankIsTRC) {
  // DDR4-2400 has tRC = tRAS + tRP exactly; lengthen tRC so that it, not tRP, is what binds.
  DramDevice dev(config([](DramSpec& s) { s.timing.tRC = 60; }));
  dev.issue(Command::ACT, A, 100);
  dev.issue(Command::PRE, A, 139);             // tRAS after the ACT; tRP alone would allow 156
  expect_first_legal(dev, Command::ACT, A, 160);  // 100 + tRC
}

TEST(DramTiming, ActToActSameBankGroupIsTRRD_L) {
  DramDevice dev(config());
  dev.issue(Command::ACT, A, 100);
  expect_first_legal(dev, Command::ACT, B, 100 + 6);
}

TEST(DramTiming, ActToActOtherBankGroupIsTRRD_S) {
  DramDevice dev(config());
  dev.issue(Command::ACT, A, 100);
  expect_first_legal(dev, Command::ACT, C, 100 + 4);
}

TEST(DramTiming, FifthActWaitsForTheFourActivateWindow) {
  DramDevice dev(config());
  dev.issue(Command::ACT, at(0, 0, 0, 1), 100);
  dev.issue(Command::ACT, at(0, 1, 0, 1), 104);
  dev.issue(Command::ACT, at(0, 2, 0, 1), 108);
  dev.issue(Command::ACT, at(0, 3, 0, 1), 112);
  // tRRD_S alone would allow 116 (tRRD_L to the group 1 ACT, 110, too); tFAW holds it to 100 + 26.
  expect_first_legal(dev, Command::ACT, at(0, 1, 1, 1), 100 + 26);
}

TEST(DramTiming, ReadToReadIsTCCD_LInTheSameBankGroupAndTCCD_SOutside) {
  DramDevice dev(config());
  dev.issue(Command::ACT, A, 100);
  dev.issue(Command::ACT, B, 106);
  dev.issue(Command::ACT, C, 110);
  dev.issue(Command::RD, A, 130);  // every bank is past tRCD by then
  expect_first_legal(dev, Command::RD, B, 130 + 6);
  expect_first_legal(dev, Command::RD, C, 130 + 4);
}

TEST(DramTiming, WriteToWriteIsTCCD_LInTheSameBankGroupAndTCCD_SOutside) {
  DramDevice dev(config());
  dev.issue(Command::ACT, A, 100);
  dev.issue(Command::ACT, B, 106);
  dev.issue(Command::ACT, C, 110);
  dev.issue(Command::WR, A, 130);
  expect_first_legal(dev, Command::WR, B, 130 + 6);
  expect_first_legal(dev, Command::WR, C, 130 + 4);
}

TEST(DramTiming, WriteToReadIsTWTR_LInTheSameBankGroupAndTWTR_SOutside) {
  DramDevice dev(config());
  dev.issue(Command::ACT, A, 100);
  dev.issue(Command::ACT, B, 106);
  dev.issue(Command::ACT, C, 110);
  dev.issue(Command::WR, A, 130);
  // dram.md's derived row: WR->RD 25 (same bank group) / 19 (other): CWL + BL/2 + tWTR_L or tWTR_S.
  expect_first_legal(dev, Command::RD, B, 130 + 12 + 4 + 9);
  expect_first_legal(dev, Command::RD, C, 130 + 12 + 4 + 3);
  expect_first_legal(dev, Command::RD, A, 130 + 25);
}

TEST(DramTiming, ReadToWriteIsTheBusTurnaround) {
  DramDevice dev(config());
  dev.issue(Command::ACT, A, 100);
  dev.issue(Command::ACT, C, 110);
  dev.issue(Command::RD, A, 130);
  // CL + BL/2 + 2 - CWL = 11 (dram.md: RD->WR 10-11), to any bank of the rank.
  expect_first_legal(dev, Command::WR, A, 130 + 11);
  expect_first_legal(dev, Command::WR, C, 130 + 11);
}

TEST(DramTiming, ReadToPreIsTRTP) {
  DramDevice dev(config());
  dev.issue(Command::ACT, A, 100);
  dev.issue(Command::RD, A, 140);  // after tRAS would have allowed the PRE (139)
  expect_first_legal(dev, Command::PRE, A, 140 + 9);
}

TEST(DramTiming, WriteToPreIsTheWriteRecovery) {
  DramDevice dev(config());
  dev.issue(Command::ACT, A, 100);
  dev.issue(Command::WR, A, 120);
  // dram.md: WR->PRE 34 = CWL + BL/2 + tWR.
  expect_first_legal(dev, Command::PRE, A, 120 + 34);
}

TEST(DramTiming, ReadWithAutoPrechargeClosesAfterTRTPAndTRAS) {
  DramDevice dev(config());
  dev.issue(Command::ACT, A, 100);
  dev.issue(Command::RDA, A, 140);  // internal precharge at max(140 + tRTP, 100 + tRAS) = 149
  EXPECT_EQ(dev.open_row(A), -1);
  expect_first_legal(dev, Command::ACT, A, 149 + 17);

  DramDevice early(config());
  early.issue(Command::ACT, A, 100);
  early.issue(Command::RDA, A, 117);  // tRAS binds: precharge at 139
  expect_first_legal(early, Command::ACT, A, 139 + 17);
}

TEST(DramTiming, WriteWithAutoPrechargeClosesAfterTheWriteRecovery) {
  DramDevice dev(config());
  dev.issue(Command::ACT, A, 100);
  dev.issue(Command::WRA, A, 117);  // precharge at max(117 + 34, 139) = 151
  expect_first_legal(dev, Command::ACT, A, 151 + 17);
}

TEST(DramTiming, RefreshWaitsForPrechargeAndBlocksActivatesForTRFC) {
  DramDevice dev(config());
  dev.issue(Command::ACT, A, 100);
  EXPECT_EQ(dev.earliest(Command::REF, A), kNever);  // a bank is open
  dev.issue(Command::PRE, A, 200);
  expect_first_legal(dev, Command::REF, A, 200 + 17);  // PRE -> REF: tRP
  dev.issue(Command::REF, A, 217);
  expect_first_legal(dev, Command::ACT, C, 217 + 420);    // tRFC, for every bank of the rank
  expect_first_legal(dev, Command::REF, A, 217 + 420);
}

TEST(DramTiming, RefreshWaitsTRCAfterAnActivate) {
  DramDevice dev(config([](DramSpec& s) { s.timing.tRC = 60; }));
  dev.issue(Command::ACT, A, 100);
  dev.issue(Command::PRE, A, 139);
  expect_first_legal(dev, Command::REF, A, 100 + 60);  // tRP would allow 156
}

TEST(DramTiming, RefreshAfterAutoPrechargeWaitsForThePrecharge) {
  DramDevice dev(config());
  dev.issue(Command::ACT, A, 100);
  dev.issue(Command::RDA, A, 140);
  expect_first_legal(dev, Command::REF, A, 149 + 17);
}

TEST(DramTiming, PrechargeAllWaitsForEveryOpenBankAndTRPab) {
  DramDevice dev(config([](DramSpec& s) { s.timing.tRPab = 20; }));
  dev.issue(Command::ACT, A, 100);
  dev.issue(Command::ACT, C, 104);
  dev.issue(Command::WR, C, 125);
  // A may close at 139 (tRAS), C at 125 + 34 (write recovery): all banks at the later one.
  expect_first_legal(dev, Command::PREA, A, 159);
  dev.issue(Command::PREA, A, 159);
  EXPECT_EQ(dev.open_banks(0), 0);
  expect_first_legal(dev, Command::ACT, A, 159 + 20);
  expect_first_legal(dev, Command::REF, A, 159 + 20);
}

TEST(DramTiming, OneCommandPerClockOnTheCommandBus) {
  DramDevice bus(config());
  bus.issue(Command::ACT, A, 100);
  bus.issue(Command::ACT, D, 104);
  bus.issue(Command::RD, A, 150);
  expect_first_legal(bus, Command::PRE, D, 151);  // D's own tRAS (143) is long past
}

TEST(DramTiming, LpddrPrechargesAreTPPDApart) {
  DramDevice dev(config([](DramSpec& s) { s.preset = "LPDDR4-3200"; }));
  const DramAddress a = at(0, 0, 0, 1), b = at(0, 0, 1, 1);
  dev.issue(Command::ACT, a, 100);
  dev.issue(Command::ACT, b, 116);  // tRRD 16
  dev.issue(Command::PRE, a, 200);
  expect_first_legal(dev, Command::PRE, b, 200 + 4);
}

TEST(DramTiming, OtherRanksSeeOnlyTheDataBus) {
  DramDevice dev(config([](DramSpec& s) { s.ranks = 2; }));
  const DramAddress r0 = at(0, 0, 0, 1), r1 = at(1, 0, 0, 1);
  dev.issue(Command::ACT, r0, 100);
  dev.issue(Command::ACT, r1, 101);  // no tRRD between ranks: only the command bus
  dev.issue(Command::RD, r0, 130);
  expect_first_legal(dev, Command::RD, r1, 130 + 4 + 2);  // BL/2 + tRTRS
  expect_first_legal(dev, Command::WR, r1, 130 + 11);     // max(CL + BL/2 + 2, + tRTRS) - CWL
  DramDevice w(config([](DramSpec& s) { s.ranks = 2; }));
  w.issue(Command::ACT, r0, 100);
  w.issue(Command::ACT, r1, 101);
  w.issue(Command::WR, r0, 130);
  expect_first_legal(w, Command::WR, r1, 130 + 4 + 2);
  expect_first_legal(w, Command::RD, r1, 131);  // CWL + BL/2 + tRTRS - CL = 1: only the command bus
}

TEST(DramTiming, BankStateForbidsWhatMakesNoSense) {
  DramDevice dev(config());
  EXPECT_EQ(dev.earliest(Command::RD, A), kNever);   // closed bank
  EXPECT_EQ(dev.earliest(Command::PRE, A), kNever);  // nothing to close
  EXPECT_EQ(dev.earliest(Command::PREA, A), kNever);
  dev.issue(Command::ACT, A, 0);
  EXPECT_EQ(dev.earliest(Command::ACT, A), kNever);                 // already open
  EXPECT_EQ(dev.earliest(Command::RD, at(0, 0, 0, 6)), kNever);     // another row is open
  EXPECT_THROW(dev.issue(Command::RD, A, 5), std::logic_error);     // before tRCD: a scheduler bug
}

// The rule table itself: every constraint dram.md lists is there, with its value.
TEST(DramTiming, RuleTableHasEveryConstraint) {
  const auto rules = make_timing_rules(config([](DramSpec& s) { s.ranks = 2; }));
  auto value = [&](const std::string& name) {
    for (const auto& r : rules) {
      if (r.name == name) return r.latency;
    }
    ADD_FAILURE() << name << " missing";
    return -1;
  };
  EXPECT_EQ(value("tRC"), 56);
  EXPECT_EQ(value("tRCD"), 17);
  EXPECT_EQ(value("tRAS"), 39);
  EXPECT_EQ(value("tRP"), 17);
  EXPECT_EQ(value("tRTP"), 9);
  EXPECT_EQ(value("WR->PRE (CWL + BL/2 + tWR)"), 34);
  EXPECT_EQ(value("tRRD_L"), 6);
  EXPECT_EQ(value("tRRD_S"), 4);
  EXPECT_EQ(value("tCCD_L"), 6);
  EXPECT_EQ(value("tCCD_S"), 4);
  EXPECT_EQ(value("WR->RD same bank group (CWL + BL/2 + tWTR_L)"), 25);
  EXPECT_EQ(value("WR->RD other bank group (CWL + BL/2 + tWTR_S)"), 19);
  EXPECT_EQ(value("RD->WR (CL + BL/2 + 2 - CWL)"), 11);
  EXPECT_EQ(value("tRFC"), 420);
  EXPECT_EQ(value("RD->RD other rank (BL/2 + tRTRS)"), 6);
}

}  // namespace
}  // namespace systolica::dram::test
