// Aliases of config keys: the size names issue 6's sweeps use.
#include <gtest/gtest.h>

#include <fstream>

#include "sim/config/config_loader.h"
#include "tests/config/config_test_util.h"

namespace systolica {
namespace {

// The size names issue 6's sweeps use are aliases of the capacity keys, in --set and in files.
TEST(ConfigAliases, SizeIsAnotherNameForCapacity) {
  const ArchSpec a = load_config("", {"scratchpad.size=64KiB", "l2.size=0B", "accumulator.size=32KiB"}).arch;
  EXPECT_EQ(a.scratchpad.capacity_bytes, 64u * 1024);
  EXPECT_EQ(a.l2.capacity_bytes, 0u);
  EXPECT_EQ(a.accumulator.capacity_bytes, 32u * 1024);
  const auto dir = test::temp_config_dir("alias_both");
  std::ofstream(dir / "both.yaml") << "scratchpad:\n  capacity: 64 KiB\n  size: 128 KiB\n";
  EXPECT_TRUE(test::Contains(test::config_error((dir / "both.yaml").string()), "scratchpad"));
  std::ofstream(dir / "one.yaml") << "l2:\n  size: 1 MiB\n";
  EXPECT_EQ(load_config((dir / "one.yaml").string(), {}).arch.l2.capacity_bytes, 1u << 20);
}

}  // namespace
}  // namespace systolica
