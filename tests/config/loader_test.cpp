// Loading configs that are right: defaults, configs/default.yaml, includes, overrides, the resolved dump
// and its round trip, and the key listing.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <functional>
#include <set>

#include "tests/config/config_test_util.h"

namespace systolica::test {
namespace {

// arch_spec.h's defaults, with the Gemmini-like SRAMs that SramSpec cannot default for both uses.
ArchSpec gemmini_like() {
  ArchSpec a;
  a.scratchpad = SramSpec{256ull * 1024, 4, 16, 1, 1};
  a.accumulator = SramSpec{64ull * 1024, 2, 64, 1, 1};
  return a;
}

std::string joined(const std::vector<std::string>& keys) {
  std::string s;
  for (const auto& k : keys) {
    s += k + " ";
  }
  return s;
}

TEST(ConfigDefaults, BuiltInDefaultsMatchArchSpec) {
  const ResolvedConfig cfg = load_config("", {});
  EXPECT_EQ(joined(differing_keys(cfg.arch, gemmini_like())), "");
  EXPECT_EQ(cfg.arch.scratchpad.row_bytes, 16);   // auto = array.cols
  EXPECT_EQ(cfg.arch.accumulator.row_bytes, 64);  // auto = 4 x array.cols
}

TEST(ConfigDefaults, DefaultYamlIsExactlyTheBuiltInDefaults) {
  const std::string path = source_dir() + "/configs/default.yaml";
  EXPECT_EQ(joined(differing_keys(load_config(path, {}).arch, load_config("", {}).arch)), "");
  // ... and it writes every key out, so it documents all of them.
  const YAML::Node root = YAML::LoadFile(path);
  for (const auto& info : describe_config_keys()) {
    YAML::Node node = root;
    std::string rest = info.key;
    for (auto dot = rest.find('.'); dot != std::string::npos; dot = rest.find('.')) {
      node.reset(node[rest.substr(0, dot)]);
      rest = rest.substr(dot + 1);
    }
    EXPECT_TRUE(node[rest].IsDefined()) << info.key << " is missing from configs/default.yaml";
    if (node[rest].IsScalar()) {
      EXPECT_EQ(node[rest].Scalar(), info.default_value) << info.key;
    }
  }
}

TEST(ConfigDefaults, EmptyFilesAndEmptySectionsMeanDefaults) {
  for (const char* f : {"good/empty_file.yaml", "good/comments_only.yaml", "good/empty_section.yaml"}) {
    EXPECT_EQ(joined(differing_keys(load_config(config_data(f), {}).arch, gemmini_like())), "") << f;
  }
}

TEST(ConfigUnitsFile, EverySpellingLandsInArchSpec) {
  const ArchSpec a = load_config(config_data("good/units.yaml"), {}).arch;
  EXPECT_EQ(a.name, "units: test");
  EXPECT_EQ(a.cores, 4);
  EXPECT_EQ(a.clock.core_hz, 1.5e9);
  EXPECT_EQ(a.clock.l2_hz, 800e6);
  EXPECT_EQ(a.array.rows, 32);
  EXPECT_EQ(a.array.cols, 8);
  EXPECT_EQ(a.array.dataflow, Dataflow::InputStationary);
  EXPECT_EQ(a.array.supported,
            (std::vector<Dataflow>{Dataflow::InputStationary, Dataflow::WeightStationary}));
  EXPECT_EQ(a.scratchpad.capacity_bytes, 1u << 20);
  EXPECT_EQ(a.scratchpad.banks, 8);
  EXPECT_EQ(a.scratchpad.row_bytes, 32);
  EXPECT_EQ(a.scratchpad.latency_cycles, 2);
  EXPECT_EQ(a.accumulator.capacity_bytes, 512u * 1024);
  EXPECT_EQ(a.accumulator.row_bytes, 64);
  EXPECT_EQ(a.dma.bus_bytes_per_cycle, 32);
  EXPECT_EQ(a.dma.request_bytes, 128);
  EXPECT_EQ(a.l2.capacity_bytes, 0u);
  EXPECT_EQ(a.l2.replacement, "srrip");
  EXPECT_EQ(a.dram.model, "fixed");
  EXPECT_EQ(a.dram.preset, "HBM2");  // presets take any capitalization and land in the canonical one
  EXPECT_EQ(a.dram.channels, 8);
  EXPECT_EQ(a.dram.write_drain_high, 0.9);
  EXPECT_EQ(a.dram.write_drain_low, 0.1);
  EXPECT_EQ(a.dram.fixed_latency_ns, 100.0);
}

TEST(ConfigAutoRowBytes, FollowsTheArrayWidth) {
  const ArchSpec a = load_config("", {"array.cols=32", "array.rows=8"}).arch;
  EXPECT_EQ(a.scratchpad.row_bytes, 32);
  EXPECT_EQ(a.accumulator.row_bytes, 128);
}

TEST(ConfigInclude, NestedDirectoryRelativePathsAndDeepMerge) {
  // child.yaml (in nested/) includes ../base.yaml then sibling.yaml, then sets array.rows itself.
  const ArchSpec a = load_config(config_data("good/include/nested/child.yaml"), {}).arch;
  EXPECT_EQ(a.array.rows, 8);                               // the including file's own key wins
  EXPECT_EQ(a.array.cols, 32);                              // from base.yaml: maps merge key by key
  EXPECT_EQ(a.scratchpad.capacity_bytes, 512u * 1024);      // from base.yaml
  EXPECT_EQ(a.name, "sibling");                             // sibling.yaml comes after base.yaml
  EXPECT_EQ(a.array.dataflow, Dataflow::OutputStationary);  // from sibling.yaml
  EXPECT_EQ(a.l2.ways, 16);                                 // from sibling.yaml
  EXPECT_EQ(a.cores, 1);                                    // nobody set it: the default
}

TEST(ConfigInclude, SinglePathAndIndependenceFromTheWorkingDirectory) {
  // ctest runs in the build directory, so this passes only if includes resolve against the file.
  const ArchSpec a = load_config(config_data("good/include/single.yaml"), {}).arch;
  EXPECT_EQ(a.cores, 4);
  EXPECT_EQ(a.array.rows, 32);
  EXPECT_EQ(a.name, "base");
}

TEST(ConfigInclude, DiamondIsNotACycle) {
  const auto dir = temp_config_dir("diamond");
  write_file(dir / "common.yaml", "cores: 2\n");
  write_file(dir / "a.yaml", "include: common.yaml\narray: {rows: 8}\n");
  write_file(dir / "b.yaml", "include: common.yaml\narray: {cols: 8}\n");
  const auto top = write_file(dir / "top.yaml", "include: [a.yaml, b.yaml]\n");
  const ArchSpec a = load_config(top, {}).arch;
  EXPECT_EQ(a.cores, 2);
  EXPECT_EQ(a.array.rows, 8);
  EXPECT_EQ(a.array.cols, 8);
  std::filesystem::remove_all(dir);
}

TEST(ConfigOverride, AppliedInOrderAfterAllFiles) {
  const std::string base = config_data("good/include/base.yaml");  // sets array.rows: 32
  EXPECT_EQ(load_config(base, {"array.rows=8"}).arch.array.rows, 8);
  EXPECT_EQ(load_config(base, {"array.rows=8", "array.rows=4"}).arch.array.rows, 4);
  EXPECT_EQ(load_config(base, {" array.rows = 12 "}).arch.array.rows, 12);
  const ArchSpec a =
      load_config("", {"scratchpad.capacity=512 KiB", "clock.core=1.25GHz", "array.dataflows=[ws,os,is]",
                       "dram.fixed_latency=20 ns", "name=my-chip"})
          .arch;
  EXPECT_EQ(a.scratchpad.capacity_bytes, 512u * 1024);
  EXPECT_EQ(a.clock.core_hz, 1.25e9);
  EXPECT_EQ(a.array.supported.size(), 3u);
  EXPECT_EQ(a.dram.fixed_latency_ns, 20.0);
  EXPECT_EQ(a.name, "my-chip");
}

TEST(ConfigOverride, CrossChecksRunAfterAllOverrides) {
  // Alone, the first override breaks a cross-field rule; the second one makes the whole consistent.
  const ArchSpec a = load_config("", {"array.dataflow=is", "array.dataflows=[ws, is]"}).arch;
  EXPECT_EQ(a.array.dataflow, Dataflow::InputStationary);
}

void expect_round_trip(const std::string& path, const std::vector<std::string>& overrides) {
  const ResolvedConfig first = load_config(path, overrides);
  const auto dir = temp_config_dir("roundtrip");
  const ResolvedConfig second = load_config(write_file(dir / "resolved.yaml", first.yaml), {});
  EXPECT_EQ(joined(differing_keys(first.arch, second.arch)), "") << first.yaml;
  // The second dump differs only in its header ("source: ..."), never in a value.
  const auto body = [](const std::string& y) { return y.substr(y.find("\nname:")); };
  EXPECT_EQ(body(first.yaml), body(second.yaml));
  std::filesystem::remove_all(dir);
}

TEST(ConfigRoundTrip, DumpLoadsBackToTheSameArchSpec) {
  expect_round_trip("", {});
  expect_round_trip(config_data("good/units.yaml"), {});
  expect_round_trip(config_data("good/include/nested/child.yaml"), {});
  expect_round_trip("", {"clock.core=1234567891", "clock.l2=333.3333333 MHz", "dram.fixed_latency=0.123 ns",
                         "dram.write_drain_high=0.3333333333", "dram.write_drain_low=0", "name=yes",
                         "accumulator.row_bytes=96 B", "accumulator.capacity=48 KiB",
                         "scratchpad.row_bytes=48", "scratchpad.capacity=48 KiB", "l2.capacity=0"});
}

TEST(ConfigDump, EveryKeyNestedWithUnitsAndAHeader) {
  const std::string y = load_config("", {}).yaml;
  EXPECT_EQ(y.rfind("# ", 0), 0u) << "starts with a header comment";
  for (const char* line :
       {"\nname: gemmini-like\n", "\nclock:\n  core: 1 GHz\n  l2: 1 GHz\n", "  capacity: 256 KiB\n",
        "  dataflows: [ws, os]\n", "  row_bytes: auto  # = 16 B\n", "  row_bytes: auto  # = 64 B\n", "  hit_latency: 10 cycles\n",
        "  latency: 1 cycle\n", "  fixed_latency: 50 ns\n", "  write_drain_high: 0.75\n",
        "\ndram:\n  model: cycle\n"}) {
    EXPECT_TRUE(Contains(y, line));
  }
  // One line per key plus one per section (sections nest, e.g. dram.timing), nothing else but the header.
  const YAML::Node root = YAML::Load(y);
  const std::function<std::size_t(const YAML::Node&)> leaves = [&](const YAML::Node& map) {
    std::size_t n = 0;
    for (const auto& entry : map) {
      n += entry.second.IsMap() ? leaves(entry.second) : 1;
    }
    return n;
  };
  EXPECT_EQ(leaves(root), describe_config_keys().size());
}

TEST(ConfigDump, HeaderNamesSourceAndOverrides) {
  const std::string y = load_config(config_data("good/include/base.yaml"), {"cores=2"}).yaml;
  EXPECT_TRUE(Contains(y, "# source: " + config_data("good/include/base.yaml") + "\n"));
  EXPECT_TRUE(Contains(y, "# override: --set cores=2\n"));
}

TEST(ConfigDescribe, ListsEveryKeyOnceWithDefaultAllowedAndDescription) {
  const auto keys = describe_config_keys();
  std::set<std::string> seen;
  for (const auto& k : keys) {
    EXPECT_TRUE(seen.insert(k.key).second) << "duplicate " << k.key;
    EXPECT_FALSE(k.default_value.empty()) << k.key;
    EXPECT_FALSE(k.allowed.empty()) << k.key;
    EXPECT_FALSE(k.description.empty()) << k.key;
    EXPECT_EQ(k.description.find('\n'), std::string::npos) << k.key;
  }
  EXPECT_EQ(keys.size(), 74u + 2 + kEnergyParamCount);  // and energy.tech_nm, energy.table, energy.<param>
  const auto find = [&](const std::string& key) {
    for (const auto& k : keys) {
      if (k.key == key) {
        return k;
      }
    }
    ADD_FAILURE() << key << " not listed";
    return ConfigKeyInfo{};
  };
  EXPECT_EQ(find("scratchpad.capacity").default_value, "256 KiB");
  EXPECT_EQ(find("array.rows").allowed, "1..1024");
  EXPECT_EQ(find("array.dataflow").allowed, "ws | os | is");
  EXPECT_EQ(find("array.dataflows").default_value, "[ws, os]");
  EXPECT_EQ(find("clock.core").allowed, "1 MHz..10 GHz");
  EXPECT_EQ(find("l2.line_bytes").allowed, "4 B..4 KiB, power of two");
  EXPECT_EQ(find("scratchpad.row_bytes").default_value, "auto");
  EXPECT_EQ(find("dram.fixed_latency").default_value, "50 ns");

  const std::string table = format_config_keys();
  EXPECT_EQ(table.rfind("KEY", 0), 0u);
  for (const auto& k : keys) {
    EXPECT_TRUE(Contains(table, "\n" + k.key + " ")) << k.key;
  }
}

TEST(ConfigDescribe, SectionsAreContiguousSoTheDumpNestsCleanly) {
  std::vector<std::string> sections;
  for (const auto& k : describe_config_keys()) {
    const auto dot = k.key.find('.');
    const std::string section = dot == std::string::npos ? "" : k.key.substr(0, dot);
    if (!sections.empty() && sections.back() == section) {
      continue;
    }
    for (const auto& s : sections) {
      EXPECT_NE(s, section) << "section " << section << " is split";
    }
    sections.push_back(section);
  }
}

}  // namespace
}  // namespace systolica::test
