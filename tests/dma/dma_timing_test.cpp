// Exact DMA timing on small cases, against the fixed-latency memory stub (tests/dma/memory_stub.h).
// Common setup unless a test says otherwise (BenchSpec): core clock 1 GHz; DMA bus 16 B/cycle, requests
// of 64 B, 16 outstanding; memory latency 10 cycles, one request accepted per cycle; scratchpad of 4 banks
// x 64 rows x 16 B, one port per bank, latency 1 (rows 0..63 are bank 0).
//
// The rules the derivations use (docs/core_memory.md):
//   - an engine stages one request at a time and the issuer sends it from the next cycle on: a load
//     command taken in cycle c sends its requests in c + 1, c + 2, ... (one BEGIN_REQ per cycle);
//   - a response arriving in cycle a crosses the read bus from s = max(a, bus free), one 16 B beat per
//     cycle; a row is written in the cycle of its last beat if its bank has a free port, and is readable
//     one cycle (the SRAM latency) later; the request's slot is freed the cycle after its last row write;
//   - the command is done when its last row is readable, and is posted in that cycle.
// Each TEST elaborates its own model (ctest runs every TEST in its own process).
#include <gtest/gtest.h>

#include "tests/dma/dma_bench.h"

namespace systolica::test {
namespace {

TEST(DmaTiming, ContiguousLoadIsLatencyPlusBeats) {
  DmaBench b("bench", BenchSpec{});
  b.at(0, contiguous(1, DmaDirection::Load, 0, 256, 0));  // 256 B into rows 0..15 (bank 0)
  sc_core::sc_start();
  // Requests 0..3 sent in cycles 1..4, answered in 11..14. The read bus is the bottleneck:
  // request 0 writes rows 0..3 in 11..14, request 1 rows 4..7 in 15..18, ... request 3 rows 12..15 in
  // 23..26; the last row is readable in 27 = 1 + 10 + 256 / 16.
  const Posted& p = b.done.at(1);
  EXPECT_EQ(p.completion.accepted, 0);
  EXPECT_EQ(p.completion.done, 27);
  EXPECT_EQ(p.posted, 27);
  EXPECT_EQ(p.completion.requests, 4u);
  EXPECT_EQ(p.completion.bytes, 256u);
  ASSERT_EQ(b.memory.log.size(), 4u);
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(b.memory.log[i].accepted, 1 + i);
    EXPECT_EQ(b.memory.log[i].answered, 11 + i);
    EXPECT_EQ(b.memory.log[i].kind, RequesterKind::DmaRead);
    EXPECT_EQ(b.memory.log[i].core, 3);
  }
  const DmaEngineStats& s = b.dma.stats().load;
  EXPECT_EQ(s.commands, 1u);
  EXPECT_EQ(s.requests, 4u);
  EXPECT_EQ(s.sram_accesses, 16u);
  EXPECT_EQ(s.sram_conflict_cycles, 0u);
  EXPECT_EQ(s.memory_wait_cycles(), 0u);
  EXPECT_EQ(b.dma.stats().peak_outstanding, 4);
  EXPECT_EQ(b.scratchpad.stats(SramClient::Dma).writes, 16u);
  EXPECT_EQ(b.scratchpad.stats(SramClient::Dma).write_bytes, 256u);
  EXPECT_TRUE(b.dma.idle());
}

TEST(DmaTiming, MaxOutstandingHoldsBackRequests) {
  BenchSpec spec;
  spec.dma.max_outstanding = 2;
  DmaBench b("bench", spec);
  b.at(0, contiguous(1, DmaDirection::Load, 0, 256, 0));
  sc_core::sc_start();
  // Requests 0, 1 go in cycles 1, 2. Request 0's rows are written 11..14 (slot free in 15); request 1's
  // wait for the bus: 15..18 (slot free in 19). So request 2 goes in 15 (answered 25, rows 25..28, slot
  // free 29) and request 3 in 19 (answered 29, rows 29..32). Done in 33.
  // Waiting for a slot: request 2 from cycle 3 (staged in 2) to 15, request 3 from 16 to 19: 12 + 3.
  EXPECT_EQ(b.done.at(1).completion.done, 33);
  ASSERT_EQ(b.memory.log.size(), 4u);
  EXPECT_EQ(b.memory.log[2].accepted, 15);
  EXPECT_EQ(b.memory.log[3].accepted, 19);
  EXPECT_EQ(b.dma.stats().load.outstanding_wait_cycles, 15u);
  EXPECT_EQ(b.dma.stats().load.backpressure_cycles, 0u);
  EXPECT_EQ(b.dma.stats().peak_outstanding, 2);
  EXPECT_EQ(b.memory.peak_queue, 2);
}

TEST(DmaTiming, WithheldEndReqIsBackPressure) {
  BenchSpec spec;
  spec.memory.queue_depth = 1;  // the memory holds one request at a time
  DmaBench b("bench", spec);
  b.at(0, contiguous(1, DmaDirection::Load, 0, 256, 0));
  sc_core::sc_start();
  // Request 0 is accepted in 1 and answered in 11; request 1, sent in 2, is accepted only in 11 when the
  // queue empties (END_REQ then), answered in 21. The channel takes the next request the cycle after an
  // END_REQ: request 2 goes in 12, is accepted in 21, answered 31; request 3 goes in 22, is accepted in
  // 31, answered 41, and its rows are written in 41..44: done in 45.
  // Waiting for END_REQ: request 2 from 3 (staged in 2) to 12, request 3 from 13 to 22: 9 + 9 cycles.
  EXPECT_EQ(b.done.at(1).completion.done, 45);
  ASSERT_EQ(b.memory.log.size(), 4u);
  EXPECT_EQ(b.memory.log[1].accepted, 11);
  EXPECT_EQ(b.memory.log[2].accepted, 21);
  EXPECT_EQ(b.memory.log[3].accepted, 31);
  EXPECT_EQ(b.dma.stats().load.backpressure_cycles, 18u);
  EXPECT_EQ(b.dma.stats().load.outstanding_wait_cycles, 0u);
  EXPECT_EQ(b.memory.peak_queue, 1);
}

TEST(DmaTiming, ArrayReservationsDelayTheDmaRowWrites) {
  DmaBench b("bench", BenchSpec{});
  // The array reserved bank 0's port in cycles 13 and 14 (two operand reads) before the load.
  EXPECT_EQ(b.scratchpad.access(32, SramOp::Read, 13, SramClient::Array).cycle, 13);
  EXPECT_EQ(b.scratchpad.access(33, SramOp::Read, 14, SramClient::Array).cycle, 14);
  b.at(0, contiguous(1, DmaDirection::Load, 0, 256, 0));
  sc_core::sc_start();
  // Rows 0, 1 are written in 11, 12 as before. Row 2 wants 13, gets 15; from then on every row k
  // (k >= 2) wants cycle 11 + k (its beat) and gets 13 + k: 2 cycles late each, 14 rows.
  // The last row (15) is written in 28, readable in 29.
  EXPECT_EQ(b.done.at(1).completion.done, 29);
  EXPECT_EQ(b.dma.stats().load.sram_conflict_cycles, 28u);
  EXPECT_EQ(b.scratchpad.stats(SramClient::Dma).conflicts, 14u);
  EXPECT_EQ(b.scratchpad.stats(SramClient::Dma).conflict_cycles, 28u);
  EXPECT_EQ(b.scratchpad.stats(SramClient::Array).conflicts, 0u);
}

TEST(DmaTiming, AWideBusIntoOneBankConflictsUnlessItHasPorts) {
  // Bus of 64 B/cycle: a 64 B response is one beat, but its 4 rows are in one bank.
  BenchSpec one;
  one.dma.bus_bytes_per_cycle = 64;
  BenchSpec two = one;
  two.scratchpad.ports_per_bank = 2;
  DmaBench a("one_port", one);
  DmaBench b("two_ports", two);
  a.at(0, contiguous(1, DmaDirection::Load, 0, 128, 0));
  b.at(0, contiguous(1, DmaDirection::Load, 0, 128, 0));
  sc_core::sc_start();
  // Responses in 11 and 12. One port: rows 0..3 want 11, get 11..14 (0+1+2+3 late); rows 4..7 want 12,
  // get 15..18 (3+4+5+6 late); done 19, 24 conflict cycles.
  EXPECT_EQ(a.done.at(1).completion.done, 19);
  EXPECT_EQ(a.dma.stats().load.sram_conflict_cycles, 24u);
  // Two ports: rows 0..3 get 11, 11, 12, 12 (0+0+1+1); rows 4..7 want 12 (full), get 13, 13, 14, 14
  // (1+1+2+2); done 15, 8 conflict cycles.
  EXPECT_EQ(b.done.at(1).completion.done, 15);
  EXPECT_EQ(b.dma.stats().load.sram_conflict_cycles, 8u);
}

TEST(DmaTiming, StoreReadsRowsJustInTimeForTheWriteBus) {
  DmaBench b("bench", BenchSpec{});
  b.at(0, contiguous(1, DmaDirection::Store, 0x100, 256, 64));  // rows 64..79 (bank 1) to 0x100
  sc_core::sc_start();
  // Request 0 reads rows 64..67 in 0..3 (ready 1..4); its beats leave in 1..4, so it is sent in 1 (the
  // cycle after it was staged, too). Request i is staged when i - 1 is sent, reads its rows from (write
  // bus free - 1) and is sent when the bus frees: 1, 5, 9, 13.
  // Each write is acknowledged 10 cycles after it is sent: 11, 15, 19, 23. Done in 23.
  const Posted& p = b.done.at(1);
  EXPECT_EQ(p.completion.done, 23);
  EXPECT_EQ(p.posted, 23);
  ASSERT_EQ(b.memory.log.size(), 4u);
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(b.memory.log[i].accepted, 1 + 4 * i);
    EXPECT_TRUE(b.memory.log[i].write);
    EXPECT_EQ(b.memory.log[i].kind, RequesterKind::DmaWrite);
  }
  EXPECT_EQ(b.dma.stats().store.sram_conflict_cycles, 0u);
  EXPECT_EQ(b.scratchpad.stats(SramClient::Dma).reads, 16u);
}

TEST(DmaTiming, LoadsAndStoresOverlap) {
  DmaBench b("bench", BenchSpec{});
  // A load into bank 0 at cycle 0 and a store from bank 1 at cycle 4: the read and write data buses are
  // separate and the banks differ, so each takes exactly as long as alone. The load sends in 1..4 and is
  // done in 27; the store reads rows 64..67 in 4..7 and sends in 5, 9, 13, 17, acknowledged 10 cycles
  // later: done 27. One after the other they would take 27 + 23 cycles.
  b.at(0, contiguous(1, DmaDirection::Load, 0, 256, 0));
  b.at(4, contiguous(2, DmaDirection::Store, 0x1000, 256, 64));
  sc_core::sc_start();
  EXPECT_EQ(b.done.at(1).completion.done, 27);
  EXPECT_EQ(b.done.at(2).completion.accepted, 4);
  EXPECT_EQ(b.done.at(2).completion.done, 27);
  EXPECT_EQ(sc_core::sc_time_stamp(), sc_core::sc_time(27, sc_core::SC_NS));
  // The memory saw reads and writes interleaved in time.
  ASSERT_EQ(b.memory.log.size(), 8u);
  EXPECT_FALSE(b.memory.log[3].write);
  EXPECT_TRUE(b.memory.log[4].write);
  EXPECT_EQ(b.memory.log[4].accepted, 5);
  EXPECT_LT(b.memory.log[4].accepted, b.memory.log[3].answered);
}

TEST(DmaTiming, TimingOnlyMovesNoBytesAndTakesTheSameCycles) {
  BenchSpec functional;
  BenchSpec timing;
  timing.functional = false;
  DmaBench f("functional", functional);
  DmaBench t("timing", timing);
  for (DmaBench* b : {&f, &t}) {
    DmaCommand box;
    box.id = 1;
    set_nhwc_box(box, 0x40, Nhwc{1, 8, 8, 24}, Nhwc{0, 1, 2, 5}, Nhwc{1, 5, 4, 13});
    box.first_row = 3;
    b->at(0, box);
    DmaCommand acc;
    acc.id = 2;
    acc.local = DmaLocal::Accumulator;
    set_matrix(acc, 0x2000, 6, 16, 64, 4);
    b->at(2, acc);
    b->at(1, contiguous(3, DmaDirection::Store, 0x3003, 100, 100));
  }
  sc_core::sc_start();
  EXPECT_FALSE(t.scratchpad.functional());
  for (std::uint64_t id : {1, 2, 3}) {
    EXPECT_EQ(f.done.at(id).completion.done, t.done.at(id).completion.done) << id;
    EXPECT_EQ(f.done.at(id).completion.requests, t.done.at(id).completion.requests) << id;
  }
  ASSERT_EQ(f.memory.log.size(), t.memory.log.size());
  for (std::size_t i = 0; i < f.memory.log.size(); ++i) {
    EXPECT_TRUE(f.memory.log[i].had_data);
    EXPECT_FALSE(t.memory.log[i].had_data);
    EXPECT_EQ(f.memory.log[i].accepted, t.memory.log[i].accepted);
    EXPECT_EQ(f.memory.log[i].address, t.memory.log[i].address);
    EXPECT_EQ(f.memory.log[i].write, t.memory.log[i].write);
  }
}

}  // namespace
}  // namespace systolica::test
