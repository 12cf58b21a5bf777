#pragma once
// The command line of a point's child: EXECUTABLE run <workload> [--config BASE] --set KEY=VALUE ...
// --out DIR/runs/<point> --quiet. The overrides are the same as the sweep checked in-process
// (point_config.h), so the child resolves the config the sweep expects.
#include <filesystem>
#include <string>
#include <vector>

#include "sim/sweep/sweep_points.h"

namespace systolica::sweep {

std::vector<std::string> child_command(const std::string& executable, const SweepSpec& spec,
                                       const SweepPoint& point, const std::filesystem::path& run_dir);

}  // namespace systolica::sweep
