#include "sim/sweep/child_command.h"

#include "sim/sweep/point_config.h"

namespace systolica::sweep {

std::vector<std::string> child_command(const std::string& executable, const SweepSpec& spec,
                                       const SweepPoint& point, const std::filesystem::path& run_dir) {
  const Workload& w = spec.workload;
  std::vector<std::string> argv = {executable, "run"};
  if (w.kind == "model") {
    argv.insert(argv.end(), {"--model", w.name});
    if (w.resolution > 0) argv.insert(argv.end(), {"--resolution", std::to_string(w.resolution)});
  } else {
    argv.insert(argv.end(), {"--" + w.kind, w.path});  // --onnx FILE or --layers FILE
  }
  if (w.batch > 0) argv.insert(argv.end(), {"--batch", std::to_string(w.batch)});
  if (!spec.config_path.empty()) argv.insert(argv.end(), {"--config", spec.config_path});
  for (const std::string& kv : point_overrides(spec, point)) argv.insert(argv.end(), {"--set", kv});
  argv.insert(argv.end(), {"--out", run_dir.string(), "--quiet"});
  return argv;
}

}  // namespace systolica::sweep
