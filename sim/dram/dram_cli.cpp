#include "sim/dram/dram_cli.h"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "arch/dram/dram_config.h"
#include "arch/dram/trace_run.h"
#include "sim/cli/usage_error.h"
#include "sim/config/config_loader.h"
#include "sim/dram/dram_summary.h"
#include "sim/dram/trace_generator.h"
#include "sim/dram/trace_reader.h"

namespace systolica {

namespace {

constexpr const char* kFooter = R"(
Trace format: one request per line, 'R|W 0xADDR [TIME_NS]'; '#' starts a comment. Without a time a
request is offered as soon as the previous one is accepted (at most one per DRAM clock); with one, not
before then. Requests are offered in order. Each moves one burst (64 B for the presets).

Examples:
  systolica dram --generate rand_rd --interval 16 --trace rand16.trace
  systolica dram --trace rand16.trace --out runs/rand16
  systolica dram --trace seq.trace --set dram.preset=LPDDR4-3200 --set dram.refresh=false
  systolica dram --trace seq.trace --set dram.address_mapping=ro_ba_co_bg --set dram.timing.tCCD_L=5

--out DIR writes summary.json and the resolved config.yaml. Latencies are DRAM clocks from the
controller accepting a read to its last data beat. docs/dram.md describes the model.)";

void write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream f(path, std::ios::binary);
  f << text;
  f.close();
  if (!f) throw UsageError(fmt::format("cannot write '{}'", path.string()));
}

int generate(const DramArgs& a) {
  if (a.trace.empty()) throw UsageError("--generate needs --trace FILE to write the trace to");
  dram::TraceSpec spec{a.generate, a.interval_ns, a.requests, a.seed};
  std::vector<dram::TraceRequest> trace;
  try {
    trace = dram::generate_trace(spec);
  } catch (const std::invalid_argument& e) {
    throw UsageError(e.what());
  }
  std::ofstream f(a.trace, std::ios::binary);
  dram::write_trace(f, trace);
  f.close();
  if (!f) throw UsageError(fmt::format("cannot write trace '{}'", a.trace));
  if (!a.quiet) fmt::print("wrote {} requests of {} to {}\n", trace.size(), a.generate, a.trace);
  return 0;
}

std::string describe_capacity(const dram::DramConfig& c) {
  const dram::DramOrganization& o = c.org;
  return fmt::format("{}: {} channel(s) x {} rank(s) x {} banks x {} rows x {} B", c.preset, o.channels, o.ranks,
                     o.banks_per_rank(), o.rows, o.row_bytes());
}

}  // namespace

CLI::App* add_dram_subcommand(CLI::App& app, DramArgs& a) {
  CLI::App* cmd = app.add_subcommand("dram", "Replay a memory trace against the DRAM model and report bandwidth, "
                                             "latency, row hits and commands");
  cmd->add_option("--trace", a.trace, "Trace file to replay (or, with --generate, to write)");
  cmd->add_option("--config", a.config, "Architecture YAML (default: the built-in config, DDR4-2400)");
  cmd->add_option("--set", a.sets, "Override a config key: --set dram.preset=HBM2 (repeatable)")
      ->allow_extra_args(false);
  cmd->add_option("--out", a.out, "Write summary.json and config.yaml to this directory");
  cmd->add_option("--generate", a.generate,
                  "Write one of dram.md's traces to --trace instead: seq_rd, seq_wr, rand_rd, stride4k_rd, "
                  "mixed_skewed, idle_seq, idle_rand, idle_conflict");
  cmd->add_option("--interval", a.interval_ns, "With --generate: one request every this many ns (0: untimed)");
  cmd->add_option("--requests", a.requests, "With --generate: how many requests (default: dram.md's)");
  cmd->add_option("--seed", a.seed, "With --generate: seed of the random traces");
  cmd->add_flag("--quiet", a.quiet, "Print nothing but errors");
  cmd->footer(kFooter);
  return cmd;
}

int run_dram_command(const DramArgs& a) {
  if (!a.generate.empty()) return generate(a);
  if (a.trace.empty()) throw UsageError("systolica dram needs --trace FILE (or --generate NAME --trace FILE)");
  const ResolvedConfig cfg = load_config(a.config, a.sets);
  dram::DramConfig dram_cfg;
  try {
    dram_cfg = dram::make_dram_config(cfg.arch.dram);
  } catch (const dram::DramConfigError& e) {
    throw UsageError(e.what());
  }
  const std::uint64_t capacity = dram_cfg.org.capacity_bytes();
  std::vector<dram::TraceRequest> trace;
  try {
    trace = dram::read_trace(a.trace, capacity, describe_capacity(dram_cfg));
  } catch (const dram::TraceError& e) {
    throw UsageError(e.what());
  }
  dram::DramSummary summary{a.trace, dram_cfg, dram::run_trace_systemc(dram_cfg, trace)};
  if (!a.quiet) std::cout << dram::summary_text(summary);
  if (!a.out.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(a.out, ec);
    if (ec) throw UsageError(fmt::format("cannot create output directory '{}': {}", a.out, ec.message()));
    write_file(std::filesystem::path(a.out) / "summary.json", dram::summary_json(summary));
    write_file(std::filesystem::path(a.out) / "config.yaml", cfg.yaml);
    if (!a.quiet) fmt::print("\nwrote {0}/summary.json, {0}/config.yaml\n", a.out);
  }
  if (summary.run.answered != summary.run.requests) {
    fmt::print(stderr, "systolica: internal error: {} of {} requests were answered\n", summary.run.answered,
               summary.run.requests);
    return 1;
  }
  return 0;
}

}  // namespace systolica
