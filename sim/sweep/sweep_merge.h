#pragma once
// `systolica sweep --merge DIR1 DIR2 ... --out DIR`: gathers the point files of a sweep's shards into one
// directory and writes its results.csv, which is then the one an unsharded run would have written (but for
// wall_seconds). The runs/ directories stay where they are.
#include <string>
#include <vector>

namespace systolica::sweep {

// Refuses (UsageError, nothing written) directories whose spec.yaml differ, a point file that does not
// match its spec, and two different results for one point; the same result twice is kept once. Returns 0
// when every point of the spec is present and ok, 1 otherwise.
int merge_sweeps(const std::vector<std::string>& dirs, const std::string& out, bool quiet);

}  // namespace systolica::sweep
