#pragma once
// What `systolica dram` reports: the figures of one trace replay, derived from the controller's
// counters, as a readable table and as summary.json (a stable contract: docs/dram.md lists its keys).
#include <string>

#include "arch/dram/dram_config.h"
#include "arch/dram/trace_run.h"

namespace systolica::dram {

struct DramSummary {
  std::string trace;
  DramConfig config;
  TraceRunResult run;

  double sim_time_ns() const { return static_cast<double>(run.end_cycle) * config.timing.tCK_ns(); }
  double bandwidth_gbps() const;  // GB/s (1e9 bytes per second) of data moved, over the whole run
  double requests_per_second() const;  // simulated requests per CPU second
};

std::string summary_json(const DramSummary& s);  // the text of summary.json
std::string summary_text(const DramSummary& s);  // the table printed on the terminal

}  // namespace systolica::dram
