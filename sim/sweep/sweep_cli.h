#pragma once
// `systolica sweep`: a design-space sweep (sweep_runner.h) or the merge of its shards (sweep_merge.h).
// sim/cli/cli.cpp registers it; everything it does lives in sim/sweep/.
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace systolica {

struct SweepArgs {
  std::string spec, out, shard;
  int jobs = 0;
  std::vector<std::string> merge;
  bool retry_errors = false, force = false, quiet = false;
};

CLI::App* add_sweep_subcommand(CLI::App& app, SweepArgs& args);

// Returns the exit status; a bad spec, option or directory throws UsageError.
int run_sweep_command(const SweepArgs& args);

}  // namespace systolica
