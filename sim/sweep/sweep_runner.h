#pragma once
// `systolica sweep SPEC --out DIR`: runs the spec's points (or one shard of them), each as a
// `systolica run` child process, up to `jobs` at once, and records each finished point in DIR. Running it
// again resumes: finished points are kept, the rest run. docs/sweeps.md describes the behaviour.
#include <optional>
#include <string>

#include "sim/sweep/shard.h"

namespace systolica::sweep {

struct SweepOptions {
  std::string spec_file;
  std::string out;
  int jobs = 0;  // 0: one per CPU this process may use
  std::optional<Shard> shard;
  bool retry_errors = false;  // run points that finished with an error again
  bool force = false;         // start over in a DIR that holds another spec's sweep
  bool quiet = false;
  std::string executable = "/proc/self/exe";  // what each point runs as `EXECUTABLE run ...`
};

// The exit status: 0 when every point of the shard is ok, 1 when any failed or was left unfinished,
// 128 + the signal (130 for SIGINT, 143 for SIGTERM) when a signal stopped the sweep. A bad spec or DIR
// throws UsageError before anything runs.
int run_sweep(const SweepOptions& options);

// The CPUs this process may run on (its affinity mask, which batch schedulers restrict).
int available_cpus();

}  // namespace systolica::sweep
