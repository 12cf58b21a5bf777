#include "sim/report/report_fields.h"

namespace systolica {

std::vector<StallPart> stall_parts(const StallCycles& s) {
  auto c = [](std::int64_t v) { return static_cast<double>(v); };
  return {{"underuse", "underuse", "underuse", s.underuse, false},
          {"fill_drain", "fill/drain", "fill/drain", c(s.fill_drain), true},
          {"scratchpad_banks", "banks", "scratchpad banks", c(s.scratchpad_banks), true},
          {"dma_l2", "DMA/L2", "DMA/L2", c(s.dma_l2), true},
          {"dram", "DRAM", "DRAM", c(s.dram), true},
          {"vector_unit", "vector", "vector unit", c(s.vector_unit), true},
          {"store", "store", "store", c(s.store), true}};
}

StallCycles total_stalls(const RunResult& r) {
  StallCycles t;
  for (const LayerResult& l : r.layers) t += l.stalls;
  return t;
}

std::vector<ByteCount> byte_counts(const MemoryTraffic& t, int l2_line_bytes) {
  const auto line = static_cast<std::uint64_t>(l2_line_bytes);
  return {{"dram_read", t.dram_read_bytes},
          {"dram_write", t.dram_write_bytes},
          {"l2_read", t.l2_reads * line},
          {"l2_write", t.l2_writes * line},
          {"dma_load", t.dma_load_bytes},
          {"dma_store", t.dma_store_bytes},
          {"scratchpad_read", t.scratchpad_read_bytes},
          {"scratchpad_write", t.scratchpad_write_bytes},
          {"accumulator_read", t.accumulator_read_bytes},
          {"accumulator_write", t.accumulator_write_bytes}};
}

std::vector<std::string> input_names(const RunResult& r, std::size_t index) {
  const Layer& l = r.layers.at(index).layer;
  std::vector<std::string> names;
  for (int i : l.inputs) {
    const bool layer = i >= 0 && static_cast<std::size_t>(i) < r.layers.size();
    names.push_back(layer ? r.layers[static_cast<std::size_t>(i)].layer.name : std::string("input"));
  }
  if (names.empty()) {
    names.emplace_back("input");
  }
  return names;
}

std::string layer_class(const Layer& l) {
  switch (l.kind) {
    case LayerKind::Conv:
      if (l.groups > 1 && l.groups == l.in_c && l.out_c == l.in_c) {
        return "depthwise conv";
      }
      if (l.groups > 1) {
        return "grouped conv";
      }
      if (l.kernel_h == 1 && l.kernel_w == 1) {
        return "pointwise conv";
      }
      return "conv";
    case LayerKind::Gemm:
      return "fc";
    case LayerKind::GlobalAvgPool:
      return "global avgpool";
    case LayerKind::Vector:
      return l.vector_op.empty() ? std::string("vector") : l.vector_op;
    default:
      return to_string(l.kind);
  }
}

}  // namespace systolica
