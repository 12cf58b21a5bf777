// The progress line: which layer it names, and that it erases itself when the run ends.
#include "sim/report/progress.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

namespace systolica {
namespace {

TEST(Progress, NamesTheLayerRunningNextAndErasesAtTheEnd) {
  std::vector<std::string> names;
  for (int i = 1; i <= 73; ++i) {
    names.push_back("conv_" + std::to_string(i));
  }
  // After 11 layers, the 12th runs.
  EXPECT_EQ(progress_line(names, 11), "\r\033[K[12/73] conv_12 ...");
  EXPECT_EQ(progress_line(names, 0), "\r\033[K[ 1/73] conv_1 ...");
  EXPECT_EQ(progress_line(names, 73), "\r\033[K");
  // A very long name is cut so the line stays on one row.
  const std::string line = progress_line({std::string(200, 'x')}, 0);
  EXPECT_LT(line.size(), 80u);
}

TEST(Progress, WritesToItsStreamAndNothingWhenQuiet) {
  std::FILE* f = std::tmpfile();
  ASSERT_NE(f, nullptr);
  const ProgressCallback cb = progress_indicator(std::vector<std::string>{"a", "b"}, f);
  cb(1, 2);
  cb(2, 2);
  std::rewind(f);
  char buf[128] = {};
  const std::size_t n = std::fread(buf, 1, sizeof buf - 1, f);
  std::fclose(f);
  EXPECT_EQ(std::string(buf, n), "\r\033[K[2/2] b ...\r\033[K");

  Network net;
  net.layers.push_back(make_conv_layer("c", 8, 8, 8, 8, 3, 3, 1, 1));
  EXPECT_FALSE(progress_indicator(net, /*quiet=*/true));
}

}  // namespace
}  // namespace systolica
