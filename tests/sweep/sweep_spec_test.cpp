// The sweep spec: what it accepts, the order its points expand in, and the one-line errors it gives.
#include "sim/sweep/sweep_spec.h"

#include <gtest/gtest.h>

#include <string>

#include "sim/cli/usage_error.h"
#include "sim/sweep/shard.h"
#include "sim/sweep/sweep_points.h"

namespace systolica::sweep {
namespace {

constexpr const char* kSpec = R"(
name: spad_vs_l2              # a comment
model: resnet50
batch: 2
resolution: 32
config: ../default.yaml
set:
  dram.preset: LPDDR4-3200
grid:
  scratchpad.size: [64 KiB, 128 KiB, 256 KiB]
  l2.size: [0 B, 1 MiB]
  cores: [1, 2]
points:
  - {scratchpad.size: 512 KiB, l2.size: 0 B, cores: 1}
  - {array.dataflows: [ws, os], cores: 4}
)";

std::string values_of(const SweepPoint& p) {
  std::string s;
  for (const auto& [key, value] : p.values) s += key + "=" + value + ";";
  return s;
}

TEST(SweepSpec, ParsesEverySection) {
  const SweepSpec spec = parse_sweep_spec(kSpec, "/specs/sweep.yaml");
  EXPECT_EQ(spec.name, "spad_vs_l2");
  EXPECT_EQ(spec.workload.kind, "model");
  EXPECT_EQ(spec.workload.name, "resnet50");
  EXPECT_EQ(spec.workload.batch, 2);
  EXPECT_EQ(spec.workload.resolution, 32);
  EXPECT_EQ(spec.config, "../default.yaml");
  EXPECT_EQ(spec.config_path, "/default.yaml");  // relative to the spec's directory
  ASSERT_EQ(spec.set.size(), 1u);
  EXPECT_EQ(spec.set[0], KeyValue("dram.preset", "LPDDR4-3200"));
  ASSERT_EQ(spec.grid.size(), 3u);
  EXPECT_EQ(spec.grid[0].key, "scratchpad.size");
  EXPECT_EQ(spec.grid[0].values, (std::vector<std::string>{"64 KiB", "128 KiB", "256 KiB"}));
  ASSERT_EQ(spec.points.size(), 2u);
  EXPECT_EQ(spec.points[1][0], KeyValue("array.dataflows", "[ws, os]"));  // a list, as --set reads it
}

TEST(SweepSpec, GridExpandsFirstKeySlowestThenExplicitPoints) {
  const SweepSpec spec = parse_sweep_spec(kSpec, "sweep.yaml");
  const std::vector<SweepPoint> points = expand_points(spec);
  ASSERT_EQ(points.size(), 3u * 2u * 2u + 2u);
  EXPECT_EQ(values_of(points[0]), "scratchpad.size=64 KiB;l2.size=0 B;cores=1;");
  EXPECT_EQ(values_of(points[1]), "scratchpad.size=64 KiB;l2.size=0 B;cores=2;");
  EXPECT_EQ(values_of(points[2]), "scratchpad.size=64 KiB;l2.size=1 MiB;cores=1;");
  EXPECT_EQ(values_of(points[4]), "scratchpad.size=128 KiB;l2.size=0 B;cores=1;");
  EXPECT_EQ(values_of(points[11]), "scratchpad.size=256 KiB;l2.size=1 MiB;cores=2;");
  EXPECT_EQ(values_of(points[12]), "scratchpad.size=512 KiB;l2.size=0 B;cores=1;");
  // An explicit point's keys follow the column order; a key it does not name is left out.
  EXPECT_EQ(values_of(points[13]), "cores=4;array.dataflows=[ws, os];");
  for (std::size_t i = 0; i < points.size(); ++i) EXPECT_EQ(points[i].index, static_cast<int>(i));
  EXPECT_EQ(swept_keys(spec),
            (std::vector<std::string>{"scratchpad.size", "l2.size", "cores", "array.dataflows"}));
  EXPECT_EQ(point_name(7), "0007");
}

TEST(SweepSpec, ExplicitPointsAloneNeedNoGrid) {
  const SweepSpec spec = parse_sweep_spec(
      "layers: net.yaml\npoints:\n  - {l2.capacity: 0 B}\n  - {l2.capacity: 1 MiB}\n", "/a/s.yaml");
  EXPECT_EQ(spec.workload.path, "/a/net.yaml");
  ASSERT_EQ(expand_points(spec).size(), 2u);
  EXPECT_EQ(values_of(expand_points(spec)[1]), "l2.capacity=1 MiB;");
}

TEST(SweepSpec, CanonicalFormIgnoresCommentsAndLayoutButNotMeaning) {
  const std::string a = "model: resnet18\ngrid:\n  l2.capacity: [0 B, 1 MiB]\n";
  const std::string b = "# the same sweep\nmodel: resnet18   # small\ngrid: {l2.capacity: [0 B, 1 MiB]}\n";
  const std::string c = "model: resnet18\ngrid:\n  l2.capacity: [1 MiB, 0 B]\n";
  EXPECT_EQ(canonical_spec(parse_sweep_spec(a, "/x/a.yaml")),
            canonical_spec(parse_sweep_spec(b, "/y/b.yaml")));
  EXPECT_NE(canonical_spec(parse_sweep_spec(a, "a.yaml")), canonical_spec(parse_sweep_spec(c, "a.yaml")));
}

// The error for `text`, or "" if it parses.
std::string error_of(const std::string& text) {
  try {
    parse_sweep_spec(text, "bad.yaml");
  } catch (const UsageError& e) {
    return e.what();
  }
  return "";
}

TEST(SweepSpec, BadSpecsAreOneLineNamingTheFileKeyAndWhatIsAllowed) {
  const std::string grid = "grid:\n  l2.capacity: [0 B]\n";
  struct Case {
    std::string text, expected;
  };
  const std::vector<Case> cases = {
      {"model: resnet18\ngrid: [a, b\n", "bad.yaml:3: malformed YAML"},
      {grid, "bad.yaml: no workload; give one of model: (resnet18"},
      {"model: resnet18\ngird:\n  l2.capacity: [0 B]\n",
       "bad.yaml:2: unknown key 'gird' (did you mean grid?); allowed: name, model, batch"},
      {"model: resnet18\ngrid:\n  l2.capacity: 0 B\n",
       "bad.yaml:3: grid key l2.capacity: the values are '0 B'; allowed: a list"},
      {"model: resnet18\ngrid:\n  l2.size: []\n", "bad.yaml:3: grid key l2.size has no values"},
      {"model: resnet18\ngrid:\n  l2.capacity: [0 B, {a: 1}]\n", "grid key l2.capacity: the value is a map"},
      {"model: resnet18\ngrid: [0 B]\n", "bad.yaml:2: grid: is a list; allowed: a map from config key"},
      {"model: resnet\n" + grid, "bad.yaml:1: model: unknown model 'resnet'; allowed: resnet18, resnet50"},
      {"model:\n" + grid, "model: unknown model empty; allowed: resnet18"},
      {"model: resnet18\nonnx: a.onnx\n" + grid, "bad.yaml:2: onnx: give only one of model, onnx and layers"},
      {"layers: a.yaml\nresolution: 32\n" + grid, "bad.yaml:2: resolution: applies only to a model"},
      {"model: resnet18\nbatch: 0\n" + grid,
       "bad.yaml:2: batch: is '0'; allowed: a whole number of 1 or more"},
      {"model: resnet18\n", "bad.yaml: no points to run"},
      {"model: resnet18\npoints: {a: 1}\n", "bad.yaml:2: points: is a map; allowed: a list of maps"},
      {"model: resnet18\npoints:\n  - {}\n", "bad.yaml:3: points[0]: is empty"},
      {"model: resnet18\nset: [a]\n" + grid, "bad.yaml:2: set: is a list; allowed: a map"},
      {"- a\n", "bad.yaml:1: a sweep spec is a map"},
      {"model: resnet18\ngrid:\n  l2.capacity: [0 B]\n  l2.capacity: [1 MiB]\n",
       "bad.yaml:4: grid key l2.capacity appears twice"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    const std::string e = error_of(c.text);
    EXPECT_NE(e.find(c.expected), std::string::npos) << e;
    EXPECT_EQ(e.find('\n'), std::string::npos) << e;
  }
}

TEST(SweepShard, IsOneBasedAndInterleaved) {
  const Shard s = parse_shard("2/4");
  EXPECT_EQ(s.index, 2);
  EXPECT_EQ(s.count, 4);
  EXPECT_FALSE(s.contains(0));
  EXPECT_TRUE(s.contains(1));
  EXPECT_TRUE(s.contains(5));
  for (const char* bad : {"0/4", "5/4", "1", "a/b", "1/0", "2/4x", ""}) {
    EXPECT_THROW(parse_shard(bad), UsageError) << bad;
  }
}

}  // namespace
}  // namespace systolica::sweep
