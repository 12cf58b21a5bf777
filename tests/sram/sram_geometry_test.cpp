// The row-to-bank mapping and the buffer split: contiguous rows per bank, whole banks per buffer.
#include "arch/sram/sram_geometry.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace systolica {
namespace {

TEST(SramGeometry, DefaultScratchpadHasContiguousRowsPerBank) {
  const SramGeometry g(SramSpec{256 * 1024, 4, 16, 1, 1});
  EXPECT_EQ(g.rows_per_bank(), 4096);  // 64 KiB per bank / 16 B
  EXPECT_EQ(g.rows(), 16384);
  EXPECT_EQ(g.bank_of(0), 0);
  EXPECT_EQ(g.bank_of(4095), 0);
  EXPECT_EQ(g.bank_of(4096), 1);
  EXPECT_EQ(g.bank_of(16383), 3);
  EXPECT_EQ(g.first_row_of_bank(2), 8192);
  EXPECT_FALSE(g.contains(16384));
}

TEST(SramGeometry, ABankThatIsNotWholeRowsLeavesBytesUnused) {
  const SramGeometry g(SramSpec{100, 2, 16, 1, 1});  // 50 B per bank: 3 rows of 16 B, 2 B unused
  EXPECT_EQ(g.rows_per_bank(), 3);
  EXPECT_EQ(g.rows(), 6);
  EXPECT_EQ(g.bank_of(3), 1);
}

TEST(SramGeometry, RejectsABankSmallerThanARow) {
  EXPECT_THROW(SramGeometry(SramSpec{32, 4, 16, 1, 1}), std::invalid_argument);
  EXPECT_THROW(SramGeometry(SramSpec{64, 0, 16, 1, 1}), std::invalid_argument);
}

TEST(SplitBuffers, TwoBuffersOnFourBanksAreWholeBanks) {
  const SramGeometry g(SramSpec{4 * 10 * 16, 4, 16, 1, 1});
  const auto b = split_buffers(g, 2);
  ASSERT_EQ(b.size(), 2u);
  EXPECT_EQ(b[0].first_row, 0);
  EXPECT_EQ(b[0].rows, 20);
  EXPECT_EQ(b[1].first_row, 20);
  EXPECT_EQ(b[1].end(), 40);
  // No bank holds rows of both buffers, so loading one never conflicts with computing from the other.
  EXPECT_EQ(g.bank_of(b[0].end() - 1), 1);
  EXPECT_EQ(g.bank_of(b[1].first_row), 2);
}

TEST(SplitBuffers, BuffersThatDoNotDivideTheBanksShareOne) {
  const SramGeometry g(SramSpec{4 * 10 * 16, 4, 16, 1, 1});
  const auto b = split_buffers(g, 3);  // 40 rows -> 13 each, the last row unused
  ASSERT_EQ(b.size(), 3u);
  EXPECT_EQ(b[1].first_row, 13);
  EXPECT_EQ(b[2].end(), 39);
  EXPECT_EQ(g.bank_of(b[0].end() - 1), g.bank_of(b[1].first_row));  // row 12 and 13 are both in bank 1
  EXPECT_THROW(split_buffers(g, 0), std::invalid_argument);
  EXPECT_THROW(split_buffers(g, 41), std::invalid_argument);
}

}  // namespace
}  // namespace systolica
