#pragma once
// Turns how a point's child ended into the point's record: its metrics from summary.json when it
// succeeded, else the last line it printed on stderr (or how it died) as the error.
#include <cstdint>
#include <filesystem>

#include "sim/sweep/child_process.h"
#include "sim/sweep/point_record.h"
#include "sim/sweep/sweep_points.h"

namespace systolica::sweep {

// True for the signals that stop a whole process group (Ctrl-C, a scheduler's SIGTERM, a closed
// terminal): a child they killed did not fail, it was interrupted, and the point stays unfinished.
bool is_interruption(const ChildExit& e);

PointRecord point_outcome(const SweepPoint& point, const ChildExit& exit,
                          const std::filesystem::path& run_dir, std::uint64_t sram_bytes,
                          double wall_seconds);

// A point that did not run: its config is invalid, or its process could not start.
PointRecord point_error(const SweepPoint& point, const std::string& error, double wall_seconds);

}  // namespace systolica::sweep
