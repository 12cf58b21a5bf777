#pragma once
// What a run prints on the terminal: the per-layer table, the memory section, the total and a short
// summary (docs/reports.md), and the progress line while it runs (sim/report/progress.h).
#include <cstddef>
#include <ostream>
#include <string>

#include "sim/report/progress.h"
#include "sim/run/run_result.h"

namespace systolica {

// No line of the table is wider than this.
inline constexpr std::size_t kTableWidth = 120;

void print_run_table(std::ostream& os, const RunResult& result);

// A short shape for the table, by kind: "conv 56x56x64>64 3x3/1", "dw 112x112x32 3x3/1", "fc 2048>1000",
// "maxpool 112x112x64 3x3/2", "add 56x56x256", "gavgpool 7x7x2048".
std::string short_shape(const Layer& l);

// Breaks prose into lines of at most `width` characters, each ending in a newline.
std::string wrap(const std::string& text, std::size_t width);

// `s` if it fits in `width` characters, else its start and end around "...", exactly `width` long.
std::string fit(const std::string& s, std::size_t width);

}  // namespace systolica
