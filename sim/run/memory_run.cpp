#include "sim/run/memory_run.h"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>
#include <systemc>

#include "arch/soc.h"
#include "arch/sram/sram_geometry.h"
#include "workloads/layer_tensors.h"

namespace systolica {

namespace {

// A read-out scale that spreads random int8 data over the int8 range: a sum of K products of uniform
// int8 values has a standard deviation of about 5418 sqrt(K); three of them map to 127.
OutputScale scale_for(const Layer& layer) {
  const double k = static_cast<double>(layer.gemm().k);
  return OutputScale::from_real(127.0 / (3.0 * 5418.0 * std::sqrt(k)));
}

// Main memory as the compiler lays it out (workloads/tile_transfers.h): inputs and weights of each layer.
void write_tensors(dram::DramController& dram, const Layer& l, const LayerAddresses& at, const LayerTensors& t) {
  dram.memory().write(at.input, reinterpret_cast<const unsigned char*>(t.input.data()), t.input.size());
  const std::vector<std::int8_t> b = weights_as_gemm_matrices(l, t);
  dram.memory().write(at.weights, reinterpret_cast<const unsigned char*>(b.data()), b.size());
}

// The output tensor as a coherent reader sees it after the run: from the L2 where it holds the line.
std::vector<std::int8_t> read_output(Soc& soc, const Layer& l, const LayerAddresses& at, std::uint64_t line_bytes) {
  std::vector<std::int8_t> out(static_cast<std::size_t>(l.batch) * l.out_h() * l.out_w() * l.out_c);
  auto* bytes = reinterpret_cast<unsigned char*>(out.data());
  for (std::uint64_t off = 0; off < out.size();) {
    const std::uint64_t address = at.output + off;
    const std::uint64_t chunk = std::min<std::uint64_t>(line_bytes - address % line_bytes, out.size() - off);
    if (soc.l2() == nullptr || !soc.l2()->peek(address, bytes + off, chunk)) {
      soc.dram().memory().read(address, bytes + off, chunk);
    }
    off += chunk;
  }
  return out;
}

}  // namespace

void run_through_memory(const ArchSpec& arch, const std::vector<Layer>& layers, const RunOptions& options,
                        RunResult& result) {
  std::vector<CoreLayerJob> program;
  std::uint64_t base = 0;
  for (const Layer& l : layers) {
    CoreLayerJob job;
    job.layer = l;
    job.plan = tiling_for(arch);
    job.at = place_layer(l, base);
    job.scale = scale_for(l);
    base = job.at.end;
    program.push_back(job);
  }
  Soc soc("soc", arch, {program}, options.functional);
  if (base > soc.dram().capacity_bytes()) {
    throw std::invalid_argument(fmt::format("the layers' tensors need {} bytes of main memory; the DRAM holds {}",
                                            base, soc.dram().capacity_bytes()));
  }
  std::vector<LayerTensors> tensors(options.functional ? layers.size() : 0);
  for (std::size_t i = 0; i < tensors.size(); ++i) {
    tensors[i] = make_random_tensors(layers[i], options.seed + i);
    write_tensors(soc.dram(), layers[i], program[i].at, tensors[i]);
  }

  std::vector<MemoryTraffic> at_start(layers.size()), at_end(layers.size());
  soc.core(0).controller().on_layer_boundary = [&](std::size_t i, bool end) {
    (end ? at_end : at_start)[i] = soc.traffic();
  };
  sc_core::sc_start();
  if (!soc.finished()) {
    throw std::logic_error("the simulation ran out of events before the program finished: a deadlock");
  }
  // What memory does after the last layer (posted writes draining) belongs to the last layer.
  at_end.back() = soc.traffic();
  result.traffic = at_end.back();
  if (soc.l2() != nullptr) result.l2_by_core = soc.l2()->stats().by_requester();

  const auto& timings = soc.core(0).controller().layer_timings();
  for (std::size_t i = 0; i < layers.size(); ++i) {
    LayerResult r = layer_result(arch, layers[i], timings[i]);
    r.traffic = at_end[i] - at_start[i];
    if (options.functional) {
      const std::vector<std::int32_t> sums = direct_convolution(layers[i], tensors[i]);
      std::vector<std::int8_t> want(sums.size());
      for (std::size_t e = 0; e < sums.size(); ++e) want[e] = read_out(sums[e], program[i].scale);
      r.functional_match = read_output(soc, layers[i], program[i].at, arch.l2.line_bytes) == want;
    }
    result.layers.push_back(r);
  }
}

}  // namespace systolica
