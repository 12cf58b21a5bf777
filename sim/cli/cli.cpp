#include "sim/cli/cli.h"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <iostream>

#include "sim/cli/layer_args.h"
#include "sim/cli/usage_error.h"
#include "sim/config/config_loader.h"
#include "sim/dram/dram_cli.h"
#include "sim/report/output_files.h"
#include "sim/report/text_table.h"
#include "sim/run/run_driver.h"
#include "sim/sweep/sweep_cli.h"
#include "workloads/import/layer_list.h"
#include "workloads/import/model_file_error.h"
#include "workloads/import/onnx_import.h"
#include "workloads/import/topology_network.h"
#include "workloads/mapping.h"
#include "workloads/models/model_zoo.h"

namespace systolica {

namespace {

struct RunArgs {
  std::string gemm, conv, topology, model, onnx, layer_list, name, config, out, compat = "native";
  int batch = 0;  // 0: the model's own (1)
  int resolution = 224;
  std::vector<std::string> sets;
  bool functional = false, quiet = false, ideal_memory = false;
  std::uint64_t seed = 1;
};

struct ConfigArgs {
  bool keys = false;
  std::string config;
  std::vector<std::string> sets;
};

constexpr const char* kDescription =
    "Systolica: a cycle-level simulator of int8 DNN accelerators (systolic array, SRAMs, DMA, L2, DRAM).";

constexpr const char* kRunFooter = R"(
What to run (pick one; the default is a ResNet-50 inference, batch 1, 224x224):
  --model NAME [--resolution N]       resnet18, resnet50, mobilenetv1 or mobilenetv2
  --onnx FILE.onnx                    an ONNX model (docs/onnx_import.md)
  --layers FILE.yaml                  a YAML layer list (docs/layer_list.md)
  --topology FILE.csv                 every layer of a SCALE-Sim topology file, each on its own input
  --gemm M,N,K                        out[M][N] = in[M][K] x w[K][N]
  --conv H,W,C,K,R,S[,stride[,pad]]   input H x W x C, K filters of R x S
  --conv h=56,w=56,c=64,k=64,r=3,s=3,stride=1,pad=1   the same, by name

Examples:
  systolica run
  systolica run --model mobilenetv2 --batch 4 --out runs/m4
  systolica run --model resnet50 --resolution 32 --functional
  systolica run --onnx model.onnx --set l2.capacity=2MiB
  systolica run --gemm 3136,64,576 --set array.dataflow=os --set mapping.gemm.tile_out_c=32
  systolica run --topology layers.csv --compat scalesim --set array.rows=128 --set array.cols=128
  systolica run --config configs/examples/edge_16nm_lpddr4.yaml --set energy.mac_pj=0.04
  systolica run --set cores=8 --set partition.strategy=auto --set l2.size=4MiB

Every native run reports energy per layer and per inference, by component (docs/energy.md):
energy.tech_nm (45, 22 or 16) and dram.preset pick the tables, --set energy.<name>=VALUE overrides one
number. cores=N shares each layer among N cores (partition.strategy: channels, rows, batch, pipeline or
auto; docs/multicore.md) and adds a line per core to the report. --out DIR writes summary.json, layers.csv
(one row per layer) and the resolved config.yaml.
'systolica config' shows the resolved config; 'systolica config --keys' lists every key with its default
and allowed values, and mapping.<layer>.* pins a layer's mapping (docs/configs.md).)";

// The network the arguments ask for; ResNet-50 when they name none.
Network network_to_run(const RunArgs& a) {
  const int given = !a.gemm.empty() + !a.conv.empty() + !a.topology.empty() + !a.model.empty() +
                    !a.onnx.empty() + !a.layer_list.empty();
  if (given > 1)
    throw UsageError("give at most one of --model, --onnx, --layers, --topology, --gemm and --conv");
  if (a.batch < 0)
    throw UsageError(fmt::format("--batch {} is invalid; give a batch size of 1 or more", a.batch));
  auto batched = [&](Layer l) {
    if (a.batch > 0) l.batch = a.batch;
    return independent_layers({l});
  };
  if (!a.gemm.empty()) return batched(parse_gemm_arg(a.gemm, a.name));
  if (!a.conv.empty()) return batched(parse_conv_arg(a.conv, a.name));
  if (!a.topology.empty()) return topology_network(a.topology, std::max(a.batch, 1));
  if (!a.layer_list.empty()) return load_layer_list(a.layer_list, a.batch);
  if (!a.onnx.empty()) return import_onnx(a.onnx, a.batch);
  try {
    return make_model(a.model.empty() ? "resnet50" : a.model, std::max(a.batch, 1), a.resolution);
  } catch (const std::invalid_argument& e) {
    throw UsageError(e.what());
  }
}

int do_run(const RunArgs& a) {
  const ResolvedConfig cfg = load_config(a.config, a.sets);
  const Network net = network_to_run(a);
  std::vector<std::string> names;
  for (const Layer& l : net.layers) names.push_back(l.name);
  check_pinned_layers(cfg, names);  // a pin for a layer the network does not have is a typo
  RunOptions options;
  options.pins = cfg.pins;
  options.functional = a.functional;
  options.seed = a.seed;
  options.ideal_memory = a.ideal_memory;
  options.progress = progress_indicator(net, a.quiet);  // sim/report/progress.h, via text_table.h
  if (a.compat == "scalesim") {
    options.mode = TimingMode::ScaleSim;
    for (const Layer& l : net.layers) {
      if (l.pad_h != 0 || l.pad_w != 0) {
        throw UsageError(
            fmt::format("layer '{}' is padded; SCALE-Sim conventions assume unpadded layers "
                        "(pad 0), so drop --compat scalesim or the padding",
                        l.name));
      }
    }
  }
  RunResult result;
  try {
    result = run_network(cfg.arch, net, options);
  } catch (const std::invalid_argument& e) {
    throw UsageError(e.what());
  }
  if (!a.quiet) print_run_table(std::cout, result);
  if (!a.out.empty()) {
    write_run_outputs(a.out, result, cfg.yaml);
    if (!a.quiet) fmt::print("\nwrote {0}/summary.json, {0}/layers.csv, {0}/config.yaml\n", a.out);
  }
  for (const auto& l : result.layers) {
    if (l.functional_match && !*l.functional_match) {
      fmt::print(stderr, "systolica: error: layer '{}': simulated values differ from the reference network\n",
                 l.layer.name);
      return 1;
    }
  }
  return 0;
}

int do_config(const ConfigArgs& a) {
  if (a.keys) {
    std::cout << format_config_keys();
    return 0;
  }
  const ResolvedConfig cfg = load_config(a.config, a.sets);
  std::cout << cfg.yaml;
  return 0;
}

}  // namespace

int run_cli(int argc, char** argv) {
  CLI::App app{kDescription, "systolica"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "systolica 0.1.0");

  RunArgs run;
  CLI::App* run_cmd = app.add_subcommand(
      "run", "Simulate a network on an architecture and report where the cycles and the energy went");
  run_cmd->add_option("--model", run.model,
                      "A built-in network: resnet18, resnet50, mobilenetv1, mobilenetv2");
  run_cmd->add_option("--batch", run.batch, "Batch size (default 1)");
  run_cmd->add_option("--resolution", run.resolution,
                      "Input size of a --model network (default 224; 32 runs fast)");
  run_cmd->add_option("--onnx", run.onnx, "An ONNX model file");
  run_cmd->add_option("--layers", run.layer_list, "A YAML layer list (docs/layer_list.md)");
  run_cmd->add_option("--gemm", run.gemm, "A GEMM: M,N,K");
  run_cmd->add_option("--conv", run.conv, "A convolution: H,W,C,K,R,S[,stride[,pad]]");
  run_cmd->add_option("--topology", run.topology, "A SCALE-Sim topology CSV; runs every layer");
  run_cmd->add_option("--name", run.name, "Name of the --gemm/--conv layer in the reports");
  run_cmd->add_option("--config", run.config,
                      "Architecture YAML (default: the built-in Gemmini-like config)");
  run_cmd->add_option("--set", run.sets, "Override a config key: --set array.rows=32 (repeatable)")
      ->allow_extra_args(false);
  run_cmd->add_option("--compat", run.compat, "Timing conventions: native, or scalesim (SCALE-Sim v2's)")
      ->check(CLI::IsMember({"native", "scalesim"}));
  run_cmd->add_flag(
      "--functional", run.functional,
      "Also run the quantized network on seeded random int8 data and check every layer's output "
      "bit for bit against the reference network");
  run_cmd->add_option("--seed", run.seed, "Seed of the functional run's random tensors");
  run_cmd->add_flag(
      "--ideal-memory", run.ideal_memory,
      "The same mapping with every load and store taking no time: what the memory system costs");
  run_cmd->add_option("--out", run.out, "Write summary.json, layers.csv and config.yaml to this directory");
  run_cmd->add_flag("--quiet", run.quiet, "Print nothing but errors");
  run_cmd->footer(kRunFooter);

  ConfigArgs config;
  CLI::App* config_cmd =
      app.add_subcommand("config", "Print the fully resolved config (or, with --keys, every key there is)");
  config_cmd->add_option("--config", config.config, "Architecture YAML");
  config_cmd->add_flag("--keys", config.keys,
                       "List every key with its default, what is allowed, and what it means");
  config_cmd->add_option("--set", config.sets, "Override a config key (repeatable)")->allow_extra_args(false);

  DramArgs dram;
  CLI::App* dram_cmd = add_dram_subcommand(app, dram);

  SweepArgs sweep;
  CLI::App* sweep_cmd = add_sweep_subcommand(app, sweep);

  try {
    app.parse(argc, argv);
    if (run_cmd->parsed()) return do_run(run);
    if (config_cmd->parsed()) return do_config(config);
    if (dram_cmd->parsed()) return run_dram_command(dram);
    if (sweep_cmd->parsed()) return run_sweep_command(sweep);
    return 2;
  } catch (const CLI::CallForHelp&) {
    // A subcommand's help names the program before it: "Usage: systolica run [OPTIONS]".
    if (app.get_subcommands().empty()) {
      std::cout << app.help();
    } else {
      std::cout << app.get_subcommands().front()->help("systolica");
    }
    return 0;
  } catch (const CLI::CallForAllHelp&) {
    std::cout << app.help("", CLI::AppFormatMode::All);
    return 0;
  } catch (const CLI::CallForVersion&) {
    std::cout << "systolica 0.1.0\n";
    return 0;
  } catch (const CLI::ParseError& e) {
    fmt::print(stderr, "systolica: error: {}; see 'systolica --help' or 'systolica run --help'\n", e.what());
    return 2;
  } catch (const ConfigError& e) {
    fmt::print(stderr, "systolica: error: {}\n", e.what());
    return 2;
  } catch (const UsageError& e) {
    fmt::print(stderr, "systolica: error: {}\n", e.what());
    return 2;
  } catch (const ModelFileError& e) {
    fmt::print(stderr, "systolica: error: {}\n", e.what());
    return 2;
  } catch (const MappingError& e) {
    fmt::print(stderr, "systolica: error: {}\n", e.what());
    return 2;
  } catch (const LayerShapeError& e) {
    fmt::print(stderr, "systolica: error: {}\n", e.what());
    return 2;
  } catch (const std::exception& e) {
    fmt::print(stderr, "systolica: internal error: {}\n", e.what());
    return 1;
  }
}

}  // namespace systolica
