#pragma once
// The progress line on stderr while a network runs: "\r[ 12/73] conv_11 ...", rewritten after each layer
// and erased when the last one finishes. Only on a terminal, so logs and pipes never see it.
#include <cstddef>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "workloads/network.h"

namespace systolica {

using ProgressCallback = std::function<void(std::size_t done, std::size_t total)>;

// For RunOptions::progress: empty (no indicator) when `quiet` or when stderr is not a terminal.
ProgressCallback progress_indicator(const Network& net, bool quiet);

// The same on any stream, always on: what the line shows after `done` of `names.size()` layers (the layer
// running next, or an erase when all are done). Exposed for tests.
std::string progress_line(const std::vector<std::string>& names, std::size_t done);
ProgressCallback progress_indicator(std::vector<std::string> names, std::FILE* out);

}  // namespace systolica
