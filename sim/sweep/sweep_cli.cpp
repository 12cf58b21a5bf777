#include "sim/sweep/sweep_cli.h"

#include <CLI/CLI.hpp>

#include "sim/cli/usage_error.h"
#include "sim/sweep/sweep_merge.h"
#include "sim/sweep/sweep_runner.h"

namespace systolica {

namespace {

constexpr const char* kFooter = R"(
A spec names the workload and the config keys to sweep (docs/sweeps.md):
  model: resnet18          # or onnx: FILE, or layers: FILE (relative to the spec)
  resolution: 32
  config: ../default.yaml  # optional base config
  grid:                    # every combination; the first key varies slowest
    scratchpad.capacity: [64 KiB, 256 KiB]
    l2.capacity: [0 B, 1 MiB]

Each point runs as 'systolica run ... --set KEY=VALUE ... --out DIR/runs/<point>'. DIR/results.csv gets a
row per finished point: point,status,<swept keys>,cycles,energy_pj,static_energy_pj,utilization,
dram_bytes,sram_bytes,wall_seconds,error. Running the same command again resumes; Ctrl-C stops cleanly.

Examples:
  systolica sweep configs/sweeps/spad_vs_l2.yaml --out runs/spad_vs_l2
  systolica sweep spec.yaml -j 8 --shard 2/4 --out runs/s2
  systolica sweep --merge runs/s1 runs/s2 runs/s3 runs/s4 --out runs/all

Exit status: 0 when every point is ok, 1 when a point failed or is unfinished, 2 for a bad spec or option,
130/143 when stopped by SIGINT/SIGTERM.)";

}  // namespace

CLI::App* add_sweep_subcommand(CLI::App& app, SweepArgs& a) {
  CLI::App* cmd =
      app.add_subcommand("sweep", "Run a design-space sweep: a grid of configs, each point a run");
  cmd->add_option("spec", a.spec, "The sweep spec (YAML)");
  cmd->add_option("--out", a.out, "Directory for the results: results.csv, points/, runs/");
  cmd->add_option("-j,--jobs", a.jobs, "Points run at once (default, or 0: one per CPU)");
  cmd->add_option("--shard", a.shard,
                  "Run only shard I of N: the points whose index % N == I-1 (1-based, 2/4)");
  cmd->add_option("--merge", a.merge, "Merge these shard directories into --out instead of running");
  cmd->add_flag("--retry-errors", a.retry_errors, "Run the points that finished with an error again");
  cmd->add_flag("--force", a.force, "Start over in an --out directory that holds another spec's sweep");
  cmd->add_flag("--quiet", a.quiet, "Print nothing but errors");
  cmd->footer(kFooter);
  return cmd;
}

int run_sweep_command(const SweepArgs& a) {
  if (a.out.empty()) throw UsageError("sweep needs --out DIR, the directory for its results");
  if (!a.merge.empty()) {
    if (!a.spec.empty() || !a.shard.empty()) {
      throw UsageError(
          "--merge takes directories, not a spec or --shard: sweep --merge DIR1 DIR2 ... --out DIR");
    }
    return sweep::merge_sweeps(a.merge, a.out, a.quiet);
  }
  if (a.spec.empty()) throw UsageError("sweep needs a spec file: systolica sweep SPEC.yaml --out DIR");
  sweep::SweepOptions options;
  options.spec_file = a.spec;
  options.out = a.out;
  options.jobs = a.jobs;
  if (!a.shard.empty()) options.shard = sweep::parse_shard(a.shard);
  options.retry_errors = a.retry_errors;
  options.force = a.force;
  options.quiet = a.quiet;
  return sweep::run_sweep(options);
}

}  // namespace systolica
