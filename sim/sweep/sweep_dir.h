#pragma once
// A sweep's output directory:
//   DIR/spec.yaml          the spec, copied on the first run; later runs must use the same spec
//   DIR/points/NNNN.json   one file per finished point (point_record.h)
//   DIR/runs/NNNN/         the point's `systolica run --out` files and its stderr.txt
//   DIR/results.csv        every finished point (results_csv.h)
//   DIR/.lock              held while a sweep or a merge works in DIR
#include <filesystem>
#include <string>

#include "sim/sweep/sweep_spec.h"

namespace systolica::sweep {

class SweepDir {
 public:
  // Creates DIR and its subdirectories and takes DIR/.lock; throws UsageError if another sweep holds it.
  explicit SweepDir(const std::filesystem::path& dir);
  ~SweepDir();
  SweepDir(const SweepDir&) = delete;
  SweepDir& operator=(const SweepDir&) = delete;

  const std::filesystem::path& path() const { return dir_; }
  std::filesystem::path run_dir(int index) const;

  // Makes DIR/spec.yaml hold `spec` (whose text is `spec_text`). A DIR with a different spec is refused
  // with a UsageError, unless `force`: then its points, runs and results are deleted and the sweep starts
  // over. Temporary files a killed writer left are removed.
  void adopt_spec(const SweepSpec& spec, const std::string& spec_text, bool force);

  // The spec in DIR/spec.yaml; throws UsageError if there is none.
  SweepSpec stored_spec() const;
  bool has_spec() const;

 private:
  std::filesystem::path dir_;
  int lock_fd_ = -1;
};

// What differs between two specs, for messages: "the grid", "the workload", ...; empty if nothing.
std::string spec_difference(const SweepSpec& a, const SweepSpec& b);

}  // namespace systolica::sweep
