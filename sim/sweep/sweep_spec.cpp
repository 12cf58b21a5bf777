#include "sim/sweep/sweep_spec.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "sim/cli/usage_error.h"
#include "sim/config/suggest.h"
#include "workloads/models/model_zoo.h"

namespace systolica::sweep {

namespace {

namespace fs = std::filesystem;

const std::vector<std::string_view> kTopKeys = {"name",   "model",  "batch", "resolution", "onnx",
                                                "layers", "config", "set",   "grid",       "points"};
constexpr const char* kTopKeysText =
    "name, model, batch, resolution, onnx, layers, config, set, grid, points";

// Errors read "spec.yaml:LINE: key: what is wrong; what is allowed", like config errors.
[[noreturn]] void fail(const std::string& file, const YAML::Node& at, const std::string& key,
                       const std::string& detail) {
  const std::string where = at.Mark().is_null() ? file : fmt::format("{}:{}", file, at.Mark().line + 1);
  throw UsageError(key.empty() ? fmt::format("{}: {}", where, detail)
                               : fmt::format("{}: {}: {}", where, key, detail));
}

std::string node_kind(const YAML::Node& n) {
  if (n.IsMap()) return "a map";
  if (n.IsSequence()) return "a list";
  if (n.IsNull()) return "empty";
  return fmt::format("'{}'", n.Scalar());
}

// A config value as `--set` reads it: a scalar as written, or a list of scalars in flow style.
std::string config_value(const std::string& file, const YAML::Node& n, const std::string& key) {
  constexpr const char* kAllowed = "allowed: a scalar (256 KiB, 32, ws) or a list of scalars ([ws, os])";
  if (n.IsScalar()) return n.Scalar();
  if (n.IsSequence()) {
    std::vector<std::string> items;
    for (const YAML::Node& item : n) {
      if (!item.IsScalar())
        fail(file, item, key, fmt::format("a list item is {}; {}", node_kind(item), kAllowed));
      items.push_back(item.Scalar());
    }
    return fmt::format("[{}]", fmt::join(items, ", "));
  }
  fail(file, n, key, fmt::format("the value is {}; {}", node_kind(n), kAllowed));
}

std::string config_key(const std::string& file, const YAML::Node& k, const std::string& section) {
  if (!k.IsScalar() || k.Scalar().empty()) {
    fail(file, k, section, "each key is a config key such as scratchpad.capacity");
  }
  if (k.Scalar().find('=') != std::string::npos) {
    fail(file, k, section, fmt::format("'{}' is not a config key (it holds '=')", k.Scalar()));
  }
  return k.Scalar();
}

// A map of config key -> value (the `set:` section, or one explicit point), in the order written.
std::vector<KeyValue> key_values(const std::string& file, const YAML::Node& n, const std::string& section) {
  if (!n.IsMap()) {
    fail(file, n, section,
         fmt::format("is {}; allowed: a map from config key to value, such as {{l2.capacity: 1 MiB}}",
                     node_kind(n)));
  }
  std::vector<KeyValue> out;
  std::set<std::string> seen;
  for (const auto& kv : n) {
    const std::string key = config_key(file, kv.first, section);
    if (!seen.insert(key).second) fail(file, kv.first, section, fmt::format("key {} appears twice", key));
    out.emplace_back(key, config_value(file, kv.second, fmt::format("{} {}", section, key)));
  }
  return out;
}

std::vector<GridAxis> grid_axes(const std::string& file, const YAML::Node& n) {
  if (!n.IsMap()) {
    fail(file, n, "grid",
         fmt::format("is {}; allowed: a map from config key to a list of values, such as "
                     "{{l2.capacity: [0 B, 1 MiB]}}",
                     node_kind(n)));
  }
  std::vector<GridAxis> axes;
  std::set<std::string> seen;
  for (const auto& kv : n) {
    GridAxis axis{config_key(file, kv.first, "grid"), {}};
    const std::string where = "grid key " + axis.key;
    if (!seen.insert(axis.key).second) fail(file, kv.first, "", where + " appears twice");
    if (!kv.second.IsSequence()) {
      fail(
          file, kv.second, where,
          fmt::format("the values are {}; allowed: a list, such as [64 KiB, 128 KiB]", node_kind(kv.second)));
    }
    if (kv.second.size() == 0) fail(file, kv.second, "", where + " has no values");
    for (const YAML::Node& v : kv.second) {
      axis.values.push_back(config_value(file, v, where));
    }
    axes.push_back(std::move(axis));
  }
  return axes;
}

int positive_int(const std::string& file, const YAML::Node& n, const std::string& key) {
  int value = 0;
  if (!n.IsScalar() || !YAML::convert<int>::decode(n, value) || value < 1) {
    fail(file, n, key, fmt::format("is {}; allowed: a whole number of 1 or more", node_kind(n)));
  }
  return value;
}

std::string file_name(const std::string& file, const YAML::Node& n, const std::string& key) {
  if (!n.IsScalar() || n.Scalar().empty()) {
    fail(file, n, key, fmt::format("is {}; allowed: a file name, relative to the spec", node_kind(n)));
  }
  return n.Scalar();
}

std::string relative_to_spec(const std::string& spec_file, const std::string& path) {
  const fs::path p(path);
  if (p.is_absolute()) return p.lexically_normal().string();
  return fs::absolute(fs::path(spec_file).parent_path() / p).lexically_normal().string();
}

void check_top_keys(const std::string& file, const YAML::Node& root) {
  for (const auto& kv : root) {
    const std::string key = kv.first.IsScalar() ? kv.first.Scalar() : "";
    if (std::find(kTopKeys.begin(), kTopKeys.end(), key) != kTopKeys.end()) continue;
    const std::string near = config::nearest_word(key, kTopKeys);
    fail(file, kv.first, "",
         fmt::format("unknown key '{}'{}; allowed: {}", key,
                     near.empty() ? "" : " (did you mean " + near + "?)", kTopKeysText));
  }
}

Workload workload_of(const std::string& file, const YAML::Node& root) {
  Workload w;
  int given = 0;
  for (const char* kind : {"model", "onnx", "layers"}) {
    if (!root[kind]) continue;
    if (++given > 1) fail(file, root[kind], kind, "give only one of model, onnx and layers");
    w.kind = kind;
    w.name = std::string(kind) == "model" ? root[kind].Scalar() : file_name(file, root[kind], kind);
  }
  if (given == 0) {
    fail(file, YAML::Node(), "",
         "no workload; give one of model: (resnet18, resnet50, mobilenetv1, mobilenetv2), onnx: FILE or "
         "layers: FILE");
  }
  if (w.kind == "model") {
    const auto& names = model_names();
    if (!root["model"].IsScalar() || std::find(names.begin(), names.end(), w.name) == names.end()) {
      fail(file, root["model"], "model",
           fmt::format("unknown model {}; allowed: {}", node_kind(root["model"]), fmt::join(names, ", ")));
    }
  } else {
    w.path = relative_to_spec(file, w.name);
  }
  if (root["batch"]) w.batch = positive_int(file, root["batch"], "batch");
  if (root["resolution"]) {
    if (w.kind != "model") fail(file, root["resolution"], "resolution", "applies only to a model: workload");
    w.resolution = positive_int(file, root["resolution"], "resolution");
  }
  return w;
}

}  // namespace

SweepSpec parse_sweep_spec(const std::string& text, const std::string& file) {
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    throw UsageError(fmt::format("{}:{}: malformed YAML: {}", file, e.mark.line + 1, e.msg));
  }
  if (!root.IsMap()) {
    fail(file, root, "", fmt::format("a sweep spec is a map with the keys {}", kTopKeysText));
  }
  check_top_keys(file, root);
  SweepSpec spec;
  spec.file = file;
  if (root["name"]) {
    if (!root["name"].IsScalar()) fail(file, root["name"], "name", "allowed: a label, such as spad_vs_l2");
    spec.name = root["name"].Scalar();
  }
  spec.workload = workload_of(file, root);
  if (root["config"]) {
    spec.config = file_name(file, root["config"], "config");
    spec.config_path = relative_to_spec(file, spec.config);
  }
  if (root["set"] && !root["set"].IsNull()) spec.set = key_values(file, root["set"], "set");
  if (root["grid"] && !root["grid"].IsNull()) spec.grid = grid_axes(file, root["grid"]);
  if (const YAML::Node points = root["points"]; points && !points.IsNull()) {
    if (!points.IsSequence()) {
      fail(file, points, "points",
           fmt::format("is {}; allowed: a list of maps, such as - {{l2.capacity: 0 B, cores: 1}}",
                       node_kind(points)));
    }
    for (std::size_t i = 0; i < points.size(); ++i) {
      const std::string where = fmt::format("points[{}]", i);
      spec.points.push_back(key_values(file, points[i], where));
      if (spec.points.back().empty()) fail(file, points[i], where, "is empty; give at least one key");
    }
  }
  if (spec.grid.empty() && spec.points.empty()) {
    fail(file, YAML::Node(), "", "no points to run; give grid: (config key -> list of values) or points:");
  }
  return spec;
}

SweepSpec read_sweep_spec(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw UsageError(fmt::format("{}: cannot read the sweep spec", file));
  std::stringstream text;
  text << in.rdbuf();
  return parse_sweep_spec(text.str(), file);
}

std::string canonical_spec(const SweepSpec& spec) {
  nlohmann::ordered_json j;
  j["name"] = spec.name;
  j["workload"] = {{"kind", spec.workload.kind},
                   {"name", spec.workload.name},
                   {"batch", spec.workload.batch},
                   {"resolution", spec.workload.resolution}};
  j["config"] = spec.config;
  j["set"] = spec.set;
  nlohmann::ordered_json grid = nlohmann::ordered_json::array();
  for (const GridAxis& a : spec.grid) grid.push_back({a.key, a.values});
  j["grid"] = grid;
  j["points"] = spec.points;
  return j.dump();
}

}  // namespace systolica::sweep
