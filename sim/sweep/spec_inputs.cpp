#include "sim/sweep/spec_inputs.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "sim/cli/usage_error.h"
#include "workloads/import/layer_list.h"
#include "workloads/import/model_file_error.h"
#include "workloads/import/onnx_import.h"
#include "workloads/layer.h"
#include "workloads/models/model_zoo.h"

namespace systolica::sweep {

namespace {

void load_workload(const Workload& w) {
  if (w.kind == "layers") {
    load_layer_list(w.path, w.batch);
  } else if (w.kind == "onnx") {
    import_onnx(w.path, w.batch);
  } else {
    make_model(w.name, std::max(w.batch, 1), w.resolution > 0 ? w.resolution : 224);
  }
}

}  // namespace

void check_spec_inputs(const SweepSpec& spec) {
  if (!spec.config_path.empty() && !std::ifstream(spec.config_path)) {
    throw UsageError(fmt::format("{}: config: cannot read '{}'", spec.file, spec.config_path));
  }
  // Loading the network is cheap next to simulating it, and the message is the loader's own.
  try {
    load_workload(spec.workload);
  } catch (const ModelFileError& e) {
    throw UsageError(fmt::format("{}: {}: {}", spec.file, spec.workload.kind, e.what()));
  } catch (const LayerShapeError& e) {
    throw UsageError(fmt::format("{}: {}: {}", spec.file, spec.workload.kind, e.what()));
  } catch (const std::invalid_argument& e) {
    throw UsageError(fmt::format("{}: {}: {}", spec.file, spec.workload.kind, e.what()));
  }
}

}  // namespace systolica::sweep
