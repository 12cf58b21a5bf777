#pragma once
// The files a run leaves in --out DIR: summary.json (a stable contract), layers.csv, and the fully
// resolved config.yaml that reproduces the run.
#include <string>

#include "sim/run/run_result.h"

namespace systolica {

// Throws std::runtime_error naming the path if the directory or a file cannot be written.
void write_run_outputs(const std::string& dir, const RunResult& result,
                       const std::string& resolved_config_yaml);

std::string summary_json(const RunResult& result);  // the text of summary.json
std::string layers_csv(const RunResult& result);    // the text of layers.csv

}  // namespace systolica
