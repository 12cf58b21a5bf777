#include "arch/soc.h"

#include <string>

namespace systolica {

Soc::Soc(const sc_core::sc_module_name& name, const ArchSpec& spec, std::vector<std::vector<CoreLayerJob>> programs,
         bool functional)
    : sc_core::sc_module(name), spec_(spec), l2_clock_(spec.clock.l2_hz) {
  dram_ = dram::make_dram_controller("dram", spec.dram);
  L2Options l2_options;
  l2_options.functional = functional;
  l2_ = make_l2("l2", spec.l2, l2_clock_, l2_options);

  CrossbarSpec xs;
  xs.width_bytes = spec.noc.width_bytes;
  xs.latency_cycles = spec.noc.latency_cycles;
  xs.queue_depth = spec.noc.queue_depth;
  xs.arbitration = spec.noc.arbitration == "fixed" ? Arbitration::FixedPriority : Arbitration::RoundRobin;
  const int requesters = static_cast<int>(programs.size());
  if (l2_) {
    const L2Spec l2spec = spec.l2;
    noc_ = std::make_unique<Crossbar>("noc", xs, l2_clock_, requesters, spec.l2.banks,
                                      [l2spec](std::uint64_t a) { return L2Cache::bank_of(a, l2spec); });
    for (int b = 0; b < spec.l2.banks; ++b) noc_->downstream.bind(l2_->upstream);
    l2_->downstream.bind(dram_->socket);
  } else {
    noc_ = std::make_unique<Crossbar>("noc", xs, l2_clock_, requesters, 1, [](std::uint64_t) { return 0; });
    noc_->downstream.bind(dram_->socket);
  }
  for (int i = 0; i < requesters; ++i) {
    cores_.push_back(std::make_unique<Core>(("core" + std::to_string(i)).c_str(), i, spec,
                                            std::move(programs[static_cast<std::size_t>(i)]), functional));
    cores_.back()->memory_socket().bind(noc_->upstream);
  }
}

Soc::~Soc() = default;

bool Soc::finished() const {
  for (const auto& c : cores_) {
    if (!c->controller().finished()) return false;
  }
  return true;
}

MemoryTraffic Soc::traffic() const {
  MemoryTraffic t;
  // Up to the present: an idle DRAM first replays the refreshes it skipped (see background_time), so
  // this comes before the command counts, which then include those refreshes.
  const dram::BackgroundTime bg = dram_->background_time();
  t.dram_rank_cycles = bg.rank_cycles;
  t.dram_active_rank_cycles = bg.active_rank_cycles;
  const dram::DramStats d = dram_->stats();
  t.dram_reads = d.reads;
  t.dram_writes = d.writes;
  t.dram_read_bytes = d.read_bytes;
  t.dram_write_bytes = d.write_bytes;
  t.dram_row_hits = d.row_hits;
  t.dram_row_misses = d.row_misses;
  t.dram_row_conflicts = d.row_conflicts;
  t.dram_act = d.commands.act;
  t.dram_pre = d.commands.pre;
  t.dram_rd = d.commands.rd;
  t.dram_wr = d.commands.wr;
  t.dram_ref = d.commands.ref;
  if (l2_) {
    const L2Counters c = l2_->totals();
    t.l2_reads = c.reads;
    t.l2_writes = c.writes;
    t.l2_hits = c.hits;
    t.l2_misses = c.misses;
    t.l2_writebacks = c.writebacks;
  }
  if (noc_) {
    const CrossbarStats& x = noc_->stats();
    for (std::size_t r = 0; r < x.messages.size(); ++r) {
      t.noc_messages += x.messages[r];
      t.noc_bytes += x.payload_bytes[r];
    }
  }
  for (const auto& core : cores_) {
    const DmaStats& s = core->dma().stats();
    t.dma_load_bytes += s.load.bytes;
    t.dma_store_bytes += s.store.bytes;
    t.dma_requests += s.load.requests + s.store.requests;
    const SramStats sp = core->scratchpad().total_stats();
    const SramStats acc = core->accumulator().total_stats();
    t.scratchpad_reads += sp.reads;
    t.scratchpad_writes += sp.writes;
    t.accumulator_reads += acc.reads;
    t.accumulator_writes += acc.writes;
    t.scratchpad_read_bytes += sp.read_bytes;
    t.scratchpad_write_bytes += sp.write_bytes;
    t.accumulator_read_bytes += acc.read_bytes;
    t.accumulator_write_bytes += acc.write_bytes;
    t.dma_bank_wait_cycles += s.load.sram_conflict_cycles;
  }
  return t;
}

}  // namespace systolica
