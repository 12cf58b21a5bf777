// Address decoding: dram.md's mapping (row | bank | bank group | column, 64 B offset lowest) puts 8 KiB
// of consecutive lines in one row and then moves to the next bank group; the bank-group-lowest mapping
// spreads consecutive lines over the four bank groups.
#include <gtest/gtest.h>

#include "tests/dram/dram_test_util.h"

namespace systolica::dram::test {
namespace {

TEST(DramAddressMapping, DramMdMappingKeepsEightKiBInOneRow) {
  const DramConfig cfg = config();
  const AddressMapper m(cfg.org, cfg.address_mapping);
  EXPECT_EQ(m.offset_bits(), 6);
  const DramAddress line1 = m.decode(64);
  EXPECT_EQ(line1.column, 1);
  EXPECT_EQ(line1.bank_group, 0);
  const DramAddress next_row = m.decode(8 * 1024);  // past one 8 KiB row: the next bank group
  EXPECT_EQ(next_row.bank_group, 1);
  EXPECT_EQ(next_row.bank, 0);
  EXPECT_EQ(next_row.column, 0);
  EXPECT_EQ(m.decode(32 * 1024).bank, 1);          // four bank groups later: the next bank
  EXPECT_EQ(m.decode(128 * 1024).row, 1);          // sixteen banks later: the next row
  EXPECT_EQ(m.capacity_bytes(), 8ull << 30);       // 16 banks x 65,536 rows x 8 KiB
}

TEST(DramAddressMapping, BankGroupLowestAlternatesGroupsEveryLine) {
  const DramConfig cfg = config([](DramSpec& s) { s.address_mapping = "ro_ba_co_bg"; });
  const AddressMapper m(cfg.org, cfg.address_mapping);
  for (int i = 0; i < 8; ++i) {
    EXPECT_EQ(m.decode(static_cast<std::uint64_t>(i) * 64).bank_group, i % 4);
    EXPECT_EQ(m.decode(static_cast<std::uint64_t>(i) * 64).column, i / 4);
  }
}

TEST(DramAddressMapping, ChannelSitsLowestAndRankBelowTheRowUnlessNamed) {
  const DramConfig cfg = config([](DramSpec& s) {
    s.channels = 4;
    s.ranks = 2;
  });
  const AddressMapper m(cfg.org, cfg.address_mapping);
  EXPECT_EQ(m.decode(64).channel, 1);
  EXPECT_EQ(m.decode(3 * 64).channel, 3);
  EXPECT_EQ(m.decode(4 * 64).column, 1);
  // Below the row: after channel (2 bits), column (7), bank group (2), bank (2) -> bit 6 + 13 = 19.
  EXPECT_EQ(m.decode(1ull << 19).rank, 1);
  EXPECT_EQ(m.decode(1ull << 20).row, 1);
  const AddressMapper top(cfg.org, "ch_ra_ro_ba_bg_co");
  EXPECT_EQ(top.decode(64).channel, 0);
  EXPECT_EQ(top.decode(cfg.org.capacity_bytes() / 4).channel, 1);
}

TEST(DramAddressMapping, EncodeInvertsDecode) {
  for (const char* mapping : {"ro_ba_bg_co", "ro_ba_co_bg", "ro_co_ba_bg", "ro_bg_ba_co", "ch_ra_ro_ba_bg_co"}) {
    const DramConfig cfg = config([&](DramSpec& s) {
      s.channels = 2;
      s.ranks = 2;
      s.address_mapping = mapping;
    });
    const AddressMapper m(cfg.org, cfg.address_mapping);
    std::uint64_t x = 12345;
    for (int i = 0; i < 1000; ++i) {
      x = x * 6364136223846793005ull + 1442695040888963407ull;
      const std::uint64_t address = (x >> 7) % m.capacity_bytes() / 64 * 64;
      EXPECT_EQ(m.encode(m.decode(address)), address) << mapping;
    }
  }
}

TEST(DramAddressMapping, BadNamesSayWhy) {
  EXPECT_NE(AddressMapper::mapping_error("ro_ba_bg").find("no co field"), std::string::npos);
  EXPECT_NE(AddressMapper::mapping_error("ro_ba_bg_co_co").find("twice"), std::string::npos);
  EXPECT_NE(AddressMapper::mapping_error("ro_xx_bg_co").find("'xx'"), std::string::npos);
  EXPECT_EQ(AddressMapper::mapping_error("ro_ra_ba_bg_co_ch"), "");
}

}  // namespace
}  // namespace systolica::dram::test
