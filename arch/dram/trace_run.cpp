#include "arch/dram/trace_run.h"

#include <chrono>
#include <ctime>

#include "arch/dram/dram_controller.h"
#include "arch/dram/engine_registry.h"
#include "arch/dram/trace_player.h"

namespace systolica::dram {

TraceRunResult run_trace_systemc(const DramConfig& cfg, const std::vector<TraceRequest>& trace) {
  DramController dram("dram", make_dram_engine(cfg));
  TracePlayer player("trace", trace, dram.clock(), cfg.timing.tCK_ps, cfg.org.burst_bytes());
  player.socket.bind(dram.socket);

  const auto wall0 = std::chrono::steady_clock::now();
  const std::clock_t cpu0 = std::clock();
  sc_core::sc_start();  // ends by itself: the controller sleeps once the last request is answered
  TraceRunResult r;
  r.cpu_seconds = static_cast<double>(std::clock() - cpu0) / CLOCKS_PER_SEC;
  r.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
  r.stats = dram.stats();
  r.end_cycle = r.stats.last_data_cycle;
  r.requests = trace.size();
  r.answered = player.answered();
  r.errors = player.errors();
  r.bytes_requested = player.bytes_requested();
  r.bytes_answered = player.bytes_answered();
  return r;
}

}  // namespace systolica::dram
