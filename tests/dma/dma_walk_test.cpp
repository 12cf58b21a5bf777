// How DMA commands are cut into memory requests and SRAM row segments, without a simulator.
#include "arch/dma/dma_walk.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <vector>

namespace systolica {
namespace {

std::vector<DmaChunk> chunks(const DmaCommand& c, int request_bytes) {
  std::vector<DmaChunk> out;
  DmaRequestSplitter s(c, request_bytes);
  DmaChunk k;
  while (s.next(k)) out.push_back(k);
  return out;
}

DmaCommand line(std::uint64_t address, std::int64_t bytes) {
  DmaCommand c;
  c.address = address;
  c.dims[0] = {bytes, 1};
  return c;
}

TEST(DmaRequestSplitter, AlignedContiguousRunIsWholeRequests) {
  const auto k = chunks(line(0x100, 256), 64);
  ASSERT_EQ(k.size(), 4u);
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(k[i].address, 0x100u + 64 * i);
    EXPECT_EQ(k[i].bytes, 64);
    EXPECT_EQ(k[i].first_element, 64 * i);
  }
}

TEST(DmaRequestSplitter, UnalignedEdgesArePartialRequests) {
  // 200 B from 0x1005: 59 B up to 0x1040, two whole blocks, then 13 B.
  const auto k = chunks(line(0x1005, 200), 64);
  ASSERT_EQ(k.size(), 4u);
  EXPECT_EQ(k[0].address, 0x1005u);
  EXPECT_EQ(k[0].bytes, 59);
  EXPECT_EQ(k[1].address, 0x1040u);
  EXPECT_EQ(k[1].bytes, 64);
  EXPECT_EQ(k[2].bytes, 64);
  EXPECT_EQ(k[3].address, 0x10C0u);
  EXPECT_EQ(k[3].bytes, 13);
  EXPECT_EQ(k[3].first_element, 187);
}

TEST(DmaRequestSplitter, NhwcBoxIsOneRunPerPixelSplitAtBlockEdges) {
  // Tensor 1x4x5x8 (HWC), box from (y 1, x 1, c 2), extent 2x3x4: runs of 4 B at stride 8 B.
  DmaCommand c;
  set_nhwc_box(c, 0x40, Nhwc{1, 4, 5, 8}, Nhwc{0, 1, 1, 2}, Nhwc{1, 2, 3, 4});
  EXPECT_EQ(c.address, 0x40u + (1 * 5 + 1) * 8 + 2);
  const auto k = chunks(c, 16);
  // Pixel (y, x) starts at 0x40 + (5y + x) * 8 + 2; with 16 B blocks a run [a, a+4) never crosses (a % 8 ==
  // 2).
  ASSERT_EQ(k.size(), 6u);
  int i = 0;
  for (int y = 1; y <= 2; ++y) {
    for (int x = 1; x <= 3; ++x, ++i) {
      EXPECT_EQ(k[i].address, 0x40u + (5u * y + x) * 8 + 2);
      EXPECT_EQ(k[i].bytes, 4);
      EXPECT_EQ(k[i].first_element, 4 * i);
    }
  }
  // With 4 B blocks every run crosses one boundary: [a, a+2) and [a+2, a+4).
  EXPECT_EQ(chunks(c, 4).size(), 12u);
}

TEST(DmaRequestSplitter, ContiguousDimensionsMerge) {
  // Whole rows of a 3-channel image are contiguous: the box is one run, cut only at block edges.
  DmaCommand c;
  set_nhwc_box(c, 0, Nhwc{1, 4, 10, 3}, Nhwc{0, 1, 0, 0}, Nhwc{1, 2, 10, 3});
  const auto k = chunks(c, 64);
  // Bytes [30, 90): 34 B to 64, then 26 B.
  ASSERT_EQ(k.size(), 2u);
  EXPECT_EQ(k[0].bytes, 34);
  EXPECT_EQ(k[1].bytes, 26);
}

TEST(DmaRequestSplitter, StridedInnermostDimensionIsOneElementPerRequest) {
  DmaCommand c;  // a column of a 4 x 100 int8 matrix
  c.dims[0] = {4, 100};
  const auto k = chunks(c, 64);
  ASSERT_EQ(k.size(), 4u);
  EXPECT_EQ(k[3].address, 300u);
  EXPECT_EQ(k[3].bytes, 1);
}

TEST(DmaRequestSplitter, Int32ElementsNeverSplit) {
  DmaCommand c;
  c.local = DmaLocal::Accumulator;
  c.address = 8;
  c.dims[0] = {20, 4};  // 80 B
  const auto k = chunks(c, 16);
  ASSERT_EQ(k.size(), 6u);  // [8,16) [16,32) [32,48) [48,64) [64,80) [80,88)
  EXPECT_EQ(k[0].elements, 2);
  EXPECT_EQ(k[5].elements, 2);
}

TEST(DmaRowPacking, LineModeStartsEachLineInANewRow) {
  DmaCommand c;
  c.first_row = 10;
  c.elements_per_row = 4;
  c.dims[0] = {10, 1};  // a line of 10 takes 3 rows of 4
  c.dims[1] = {2, 100};
  const DmaRowPacking p(c, 16);
  EXPECT_EQ(p.rows(), 6);
  const DmaSegment a = p.segment(0, 100);
  EXPECT_EQ(a.row, 10);
  EXPECT_EQ(a.entry, 0);
  EXPECT_EQ(a.elements, 4);
  const DmaSegment b = p.segment(9, 100);  // the last of line 0: row 12, entry 1, then the line ends
  EXPECT_EQ(b.row, 12);
  EXPECT_EQ(b.entry, 1);
  EXPECT_EQ(b.elements, 1);
  const DmaSegment d = p.segment(11, 2);  // line 1, element 1: row 13, capped at 2 elements
  EXPECT_EQ(d.row, 13);
  EXPECT_EQ(d.entry, 1);
  EXPECT_EQ(d.elements, 2);
}

TEST(DmaRowPacking, DenseModeFillsRowsBackToBack) {
  DmaCommand c;
  c.dense = true;
  c.dims[0] = {10, 1};
  c.dims[1] = {2, 100};
  const DmaRowPacking p(c, 16);  // 20 elements in rows of 16
  EXPECT_EQ(p.rows(), 2);
  const DmaSegment s = p.segment(12, 100);
  EXPECT_EQ(s.row, 0);
  EXPECT_EQ(s.entry, 12);
  EXPECT_EQ(s.elements, 4);
}

TEST(DmaRowPacking, SegmentsOfARequestFollowThePayload) {
  DmaCommand c;
  c.elements_per_row = 4;
  c.dims[0] = {6, 1};
  c.dims[1] = {3, 6};  // contiguous: the splitter merges it, the packing does not
  const DmaRowPacking p(c, 16);
  DmaChunk chunk{0, 18, 0, 18};
  std::vector<std::pair<SramRow, int>> seen;  // (row, payload offset)
  for_each_segment(p, chunk, 1, [&](const DmaSegment& s, int offset) { seen.emplace_back(s.row, offset); });
  const std::vector<std::pair<SramRow, int>> expect{{0, 0}, {1, 4}, {2, 6}, {3, 10}, {4, 12}, {5, 16}};
  EXPECT_EQ(seen, expect);
}

TEST(ValidateDmaCommand, NamesWhatIsWrong) {
  const SramGeometry sp(SramSpec{4 * 64 * 16, 4, 16, 1, 1});  // 256 rows
  const auto message = [&](const DmaCommand& c, int request = 64) -> std::string {
    try {
      validate_dma_command(c, sp, request);
    } catch (const std::invalid_argument& e) {
      return e.what();
    }
    return "";
  };
  EXPECT_EQ(message(line(0, 256 * 16)), "");
  EXPECT_NE(message(line(0, 256 * 16 + 1)).find("outside the SRAM's 256 rows"), std::string::npos);
  DmaCommand c = line(0, 16);
  c.dims[2].size = 0;
  EXPECT_NE(message(c).find("dims[2].size"), std::string::npos);
  c = line(0, 16);
  c.elements_per_row = 17;
  EXPECT_NE(message(c).find("elements_per_row"), std::string::npos);
  c = line(2, 16);
  c.local = DmaLocal::Accumulator;  // int32 elements must be aligned
  c.dims[0] = {4, 4};
  EXPECT_NE(message(c).find("address"), std::string::npos);
  c = line(0, 16);
  c.dims[1] = {2, -16};
  EXPECT_NE(message(c).find("negative"), std::string::npos);
  c = line(0, 4);
  c.local = DmaLocal::Accumulator;
  c.dims[0] = {1, 4};
  EXPECT_NE(message(c, 2).find("request_bytes"), std::string::npos);
  c.dims[0] = {4, 1};
  EXPECT_NE(message(c).find("dims[0].stride_bytes"), std::string::npos);
}

}  // namespace
}  // namespace systolica
