#pragma once
// Helpers shared by the DRAM tests: configs from presets with overrides, addresses by name, and short
// trace replays through the plain-C++ controller (no SystemC, so any number of them per test).
#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "arch/arch_spec.h"
#include "arch/dram/address_mapping.h"
#include "arch/dram/cycle_engine.h"
#include "arch/dram/dram_config.h"
#include "arch/dram/engine_registry.h"
#include "arch/dram/engine_replay.h"
#include "arch/dram/trace_request.h"

namespace systolica::dram::test {

// DDR4-2400 with refresh off unless `tweak` says otherwise.
inline DramConfig config(const std::function<void(DramSpec&)>& tweak = {}) {
  DramSpec spec;
  spec.refresh = false;
  if (tweak) tweak(spec);
  return make_dram_config(spec);
}

inline DramAddress at(int rank, int group, int bank, std::int64_t row, std::int64_t column = 0, int channel = 0) {
  DramAddress a;
  a.channel = channel;
  a.rank = rank;
  a.bank_group = group;
  a.bank = bank;
  a.row = row;
  a.column = column;
  return a;
}

inline std::uint64_t address_of(const DramConfig& cfg, const DramAddress& a) {
  return AddressMapper(cfg.org, cfg.address_mapping).encode(a);
}

inline TraceRequest read_at(std::uint64_t address, double time_ns = -1) {
  return {false, address, time_ns < 0 ? -1 : static_cast<std::int64_t>(time_ns * 1000)};
}
inline TraceRequest write_at(std::uint64_t address, double time_ns = -1) {
  return {true, address, time_ns < 0 ? -1 : static_cast<std::int64_t>(time_ns * 1000)};
}

// Replays `trace`; the engine (and its command log) stays available to the caller.
struct DramRun {
  explicit DramRun(const DramConfig& cfg) : engine(cfg) {
    for (int c = 0; c < cfg.org.channels; ++c) engine.channel(c).set_command_log(&log);
  }
  ReplayResult replay(const std::vector<TraceRequest>& trace) { return replay_trace(engine, trace); }
  CycleEngine engine;
  std::vector<IssuedCommand> log;
};

inline DramCycle latency(const ReplayResult& r, std::size_t i) { return r.done[i] - r.accepted[i]; }

}  // namespace systolica::dram::test
