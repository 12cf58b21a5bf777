#pragma once
// `systolica dram`: replays a trace against a memory config (or, with --generate, writes one of
// dram.md's traces). sim/cli/cli.cpp registers it; everything it does lives here.
#include <cstdint>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace systolica {

struct DramArgs {
  std::string trace, config, out, generate;
  std::vector<std::string> sets;
  double interval_ns = -1;
  std::uint64_t requests = 0;
  std::uint64_t seed = 1;
  bool quiet = false;
};

CLI::App* add_dram_subcommand(CLI::App& app, DramArgs& args);

// Returns the exit status; user mistakes (a bad trace, config or option) throw UsageError or ConfigError.
int run_dram_command(const DramArgs& args);

}  // namespace systolica
