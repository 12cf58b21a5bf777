#pragma once
// A DMA with its scratchpad, accumulator and a fixed-latency memory, plus a driver that issues scripted
// commands at given cycles and records each completion with the cycle it was posted. One bench per
// simulation is typical; several can run side by side in one elaboration (names must differ).
#include <map>
#include <systemc>
#include <vector>

#include "arch/dma/dma.h"
#include "tests/dma/memory_stub.h"

namespace systolica::test {

struct BenchSpec {
  SramSpec scratchpad{4 * 64 * 16, 4, 16, 1, 1};   // 4 banks of 64 rows of 16 B
  SramSpec accumulator{2 * 32 * 64, 2, 64, 1, 1};  // 2 banks of 32 rows of 16 int32
  DmaSpec dma{16, 64, 16};
  MemoryStub::Config memory;
  bool functional = true;
};

struct Posted {
  DmaCompletion completion;
  Cycle posted = 0;  // the cycle the completion reached the controller
};

class DmaBench : public sc_core::sc_module {
 public:
  DmaBench(const sc_core::sc_module_name& name, const BenchSpec& spec)
      : sc_core::sc_module(name),
        clock(1e9),
        scratchpad("scratchpad", spec.scratchpad, spec.functional, &clock),
        accumulator("accumulator", spec.accumulator, spec.functional, &clock),
        memory("memory", clock, spec.memory),
        dma("dma", spec.dma, 3, scratchpad, accumulator, clock) {
    dma.socket.bind(memory.socket);
    dma.loads(loads_);
    dma.stores(stores_);
    dma.load_done(load_done_);
    dma.store_done(store_done_);
    SC_HAS_PROCESS(DmaBench);
    SC_THREAD(issue_loads);
    SC_THREAD(issue_stores);
    SC_THREAD(collect_loads);
    SC_THREAD(collect_stores);
  }

  // Commands go to their engine's queue no earlier than `cycle`, in the order given.
  void at(Cycle cycle, const DmaCommand& cmd) {
    (cmd.direction == DmaDirection::Load ? load_script_ : store_script_).push_back({cycle, cmd});
  }

  // From another process: queue a command now (blocks while its queue is full), or wait for one to finish.
  void issue(const DmaCommand& cmd) { (cmd.direction == DmaDirection::Load ? loads_ : stores_).write(cmd); }
  void wait_done(std::uint64_t id) {
    while (done.count(id) == 0) wait(completed_);
  }

  ClockDomain clock;
  Sram scratchpad;
  Accumulator accumulator;
  MemoryStub memory;
  Dma dma;
  std::map<std::uint64_t, Posted> done;  // by command id

 private:
  struct Scripted {
    Cycle cycle;
    DmaCommand cmd;
  };
  void issue(std::vector<Scripted>& script, sc_core::sc_fifo<DmaCommand>& queue) {
    for (const Scripted& s : script) {
      wait(clock.until(s.cycle));
      queue.write(s.cmd);
    }
  }
  void collect(sc_core::sc_fifo<DmaCompletion>& queue) {
    for (;;) {
      const DmaCompletion c = queue.read();
      done[c.id] = {c, clock.now()};
      completed_.notify(sc_core::SC_ZERO_TIME);
    }
  }
  void issue_loads() { issue(load_script_, loads_); }
  void issue_stores() { issue(store_script_, stores_); }
  void collect_loads() { collect(load_done_); }
  void collect_stores() { collect(store_done_); }

  std::vector<Scripted> load_script_, store_script_;
  sc_core::sc_event completed_;
  sc_core::sc_fifo<DmaCommand> loads_{"loads", 2};
  sc_core::sc_fifo<DmaCommand> stores_{"stores", 2};
  sc_core::sc_fifo<DmaCompletion> load_done_{"load_done", 2};
  sc_core::sc_fifo<DmaCompletion> store_done_{"store_done", 2};
};

// A load of `bytes` contiguous bytes at `address` into the scratchpad from `first_row`.
inline DmaCommand contiguous(std::uint64_t id, DmaDirection dir, std::uint64_t address, std::int64_t bytes,
                             SramRow first_row) {
  DmaCommand c;
  c.id = id;
  c.direction = dir;
  c.address = address;
  c.dims[0] = {bytes, 1};
  c.first_row = first_row;
  return c;
}

}  // namespace systolica::test
