#pragma once
// A sweep spec: the workload, the base config, fixed overrides, and the points to run (a grid of config
// keys, then explicit points). docs/sweeps.md describes the YAML format. Parsing checks everything that can
// be checked without running a point; each mistake is a UsageError of one line naming the spec file, the
// line and key, and what is allowed.
#include <string>
#include <utility>
#include <vector>

namespace systolica::sweep {

// A config key and its value as written in the spec ("scratchpad.capacity", "256 KiB"); lists are kept in
// flow style ("[ws, os]"), which is what `--set` reads.
using KeyValue = std::pair<std::string, std::string>;

struct Workload {
  std::string kind;    // "model", "onnx" or "layers"
  std::string name;    // the model name, or the file as written in the spec
  std::string path;    // onnx/layers: the file resolved against the spec's directory; empty for a model
  int batch = 0;       // 0: the workload's own
  int resolution = 0;  // model only; 0: the model's default
};

struct GridAxis {
  std::string key;
  std::vector<std::string> values;
};

struct SweepSpec {
  std::string file;  // the spec file, for messages
  std::string name;
  Workload workload;
  std::string config;                         // as written; empty for the built-in defaults
  std::string config_path;                    // resolved against the spec's directory
  std::vector<KeyValue> set;                  // fixed overrides for every point, in spec order
  std::vector<GridAxis> grid;                 // in spec order: the first key varies slowest
  std::vector<std::vector<KeyValue>> points;  // explicit points, after the grid's
};

// `text` is the spec's YAML; `file` names it in messages and anchors its relative paths. Throws
// UsageError. Does not look at the files it names (spec_inputs.h does).
SweepSpec parse_sweep_spec(const std::string& text, const std::string& file);
SweepSpec read_sweep_spec(const std::string& file);

// The spec's meaning as one string, independent of comments, layout and where the file lives: two specs
// with the same canonical form sweep the same points the same way.
std::string canonical_spec(const SweepSpec& spec);

}  // namespace systolica::sweep
