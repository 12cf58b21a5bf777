#include "sim/run/network_run.h"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>
#include <stdexcept>
#include <systemc>

#include "arch/core/layer_sync.h"
#include "arch/soc.h"
#include "sim/reference/quant_params.h"
#include "sim/reference/reference_network.h"
#include "sim/run/network_program.h"
#include "sim/run/stall_attribution.h"
#include "workloads/tensor_placement.h"

namespace systolica {

namespace {

// The weights as the layout puts them in main memory (arch/core/block_layout.h), from KRSC.
std::vector<std::int8_t> weight_image(const Layer& l, const std::vector<std::int8_t>& krsc) {
  const int cg = l.in_c / l.groups, ng = l.out_c / l.groups;
  const int positions = l.kernel_h * l.kernel_w;
  std::vector<std::int8_t> out(krsc.size());
  const bool depthwise = l.groups > 1 && cg == 1 && ng == 1;
  for (int o = 0; o < l.out_c; ++o)
    for (int p = 0; p < positions; ++p)
      for (int c = 0; c < cg; ++c) {
        const std::int8_t v = krsc[(static_cast<std::size_t>(o) * positions + p) * cg + c];
        if (depthwise) {
          out[static_cast<std::size_t>(p) * l.in_c + o] = v;  // [K][C]
        } else {
          const int g = o / ng, n = o % ng;
          out[(static_cast<std::size_t>(g) * positions * cg + static_cast<std::size_t>(p) * cg + c) * ng +
              n] = v;
        }
      }
  return out;
}

// A tensor as a coherent reader sees it now: from the L2 where it holds the line, else from DRAM.
std::vector<std::int8_t> read_tensor(Soc& soc, std::uint64_t address, std::size_t bytes,
                                     std::uint64_t line_bytes) {
  std::vector<std::int8_t> out(bytes);
  auto* data = reinterpret_cast<unsigned char*>(out.data());
  for (std::uint64_t off = 0; off < bytes;) {
    const std::uint64_t a = address + off;
    const std::uint64_t chunk = std::min<std::uint64_t>(line_bytes - a % line_bytes, bytes - off);
    if (soc.l2() == nullptr || !soc.l2()->peek(a, data + off, chunk))
      soc.dram().memory().read(a, data + off, chunk);
    off += chunk;
  }
  return out;
}

std::vector<std::int8_t> read_dram(Soc& soc, std::uint64_t address, std::int64_t bytes) {
  std::vector<std::int8_t> out(static_cast<std::size_t>(bytes));
  soc.dram().memory().read(address, reinterpret_cast<unsigned char*>(out.data()), out.size());
  return out;
}

void write_bytes(Soc& soc, std::uint64_t address, const std::vector<std::int8_t>& v) {
  soc.dram().memory().write(address, reinterpret_cast<const unsigned char*>(v.data()), v.size());
}

// Whether tensors may share memory once their readers are done (workloads/tensor_placement.h): not when
// cores may work on different images at once, since one image's layer may then overwrite what another
// image's earlier layer still reads.
bool may_reuse_memory(const ArchSpec& arch, const Network& net, const RunOptions& options) {
  if (arch.cores <= 1 || net.input.n <= 1) return true;
  const PartitionStrategy s = network_strategy(arch);
  if (s != PartitionStrategy::Channels && s != PartitionStrategy::Rows) return false;
  for (const auto& [name, pin] : options.pins) {
    if (pin.partition && (*pin.partition == PartitionStrategy::Batch || *pin.partition == PartitionStrategy::Auto))
      return false;
  }
  return true;
}

// A multi-core layer from its parts. Without overlap the layer's cycles are from its first part's start
// to its last part's end and its stalls are those of the part that ended last (the others waited for
// it); with overlap they are the sums over its parts.
LayerResult combine_parts(const ArchSpec& arch, const Layer& layer, const std::vector<LayerPart>& parts,
                          const std::vector<const LayerTiming*>& timings, const MemoryTraffic& basis, bool overlap,
                          int cores) {
  LayerTiming whole;
  const LayerTiming* last = timings.front();
  whole.start = timings.front()->start;
  whole.end = timings.front()->end;
  for (const LayerTiming* t : timings) {
    whole.start = std::min(whole.start, t->start);
    if (t->end > last->end) last = t;
    whole.end = std::max(whole.end, t->end);
    whole.tiles += t->tiles;
    whole.macs += t->macs;
    whole.activity += t->activity;
    whole.vector_busy += t->vector_busy;
    whole.blocks += t->blocks;
    whole.commands += t->commands;
  }
  LayerResult r = layer_result(arch, layer, whole);
  r.scratchpad_buffers = last->scratchpad_buffers;
  r.parts = parts;
  if (overlap) {
    r.cycles = 0;
    r.breakdown = CycleBreakdown{};
    for (std::size_t k = 0; k < timings.size(); ++k) {
      r.cycles += parts[k].cycles;
      r.breakdown += timings[k]->breakdown;
      r.stalls += attribute_stalls(arch, *timings[k], basis);
    }
    r.utilization = utilization(arch, r.macs, r.cycles);
  } else {
    LayerTiming critical = *last;
    critical.start = whole.start;  // a late start (none, after a barrier) counts as waiting
    r.breakdown = last->breakdown;
    r.stalls = attribute_stalls(arch, critical, basis);
    r.utilization = utilization(arch, r.macs, r.cycles, cores);
    r.pe_cores = cores;
  }
  // Imbalance: the busiest core's cycles in this layer over the mean over all the run's cores.
  std::vector<std::int64_t> per_core(static_cast<std::size_t>(cores), 0);
  for (const LayerPart& p : parts) per_core[static_cast<std::size_t>(p.core)] += p.cycles;
  const std::int64_t sum = std::accumulate(per_core.begin(), per_core.end(), std::int64_t{0});
  const std::int64_t most = *std::max_element(per_core.begin(), per_core.end());
  r.imbalance = sum > 0 ? static_cast<double>(most) * cores / static_cast<double>(sum) : 1;
  return r;
}

}  // namespace

void run_network_through_memory(const ArchSpec& arch, const Network& net, const RunOptions& options,
                                RunResult& result) {
  const NetworkPlacement place = place_network(net, 4096, may_reuse_memory(arch, net, options));
  result.weight_bytes = place.weight_bytes;
  result.peak_activation_bytes = place.peak_activation_bytes;

  NetworkParams params;
  std::vector<std::vector<std::int8_t>> reference;
  if (options.functional) {
    params = make_network_params(net, options.seed);
    reference = run_reference_network(net, params);
  }
  const std::size_t n = net.layers.size();
  std::vector<OutputScale> scales;
  for (std::size_t i = 0; i < n; ++i)
    scales.push_back(options.functional ? params.layers[i].scale : choose_scale(net.layers[i]));
  const NetworkProgram program = build_network_program(arch, net, place, options, scales);

  Soc soc("soc", arch, program.cores, options.functional);
  if (place.end > soc.dram().capacity_bytes()) {
    throw std::invalid_argument(
        fmt::format("the network's tensors need {} bytes of main memory; the DRAM holds {}", place.end,
                    soc.dram().capacity_bytes()));
  }
  if (options.functional) {
    write_bytes(soc, place.network_input, params.input);
    for (std::size_t i = 0; i < n; ++i) {
      const Layer& l = net.layers[i];
      if (l.on_array()) write_bytes(soc, place.weights[i], weight_image(l, params.layers[i].weights));
      if (i < params.extra_inputs.size() && !params.extra_inputs[i].empty()) {
        write_bytes(soc, place.own_inputs[i], params.extra_inputs[i]);
      }
    }
  }

  LayerSync sync(n, std::max(1, net.input.n));
  for (std::size_t i = 0; i < n; ++i)
    for (const LayerPartRef& part : program.parts[i]) {
      const CoreLayerJob& job = program.cores[static_cast<std::size_t>(part.core)][part.job];
      sync.expect(i, job.sync_image0, job.sync_images);
    }
  for (int c = 0; c < soc.cores(); ++c) {
    CoreController& controller = soc.core(c).controller();
    controller.use_sync(&sync);
    if (options.ideal_memory) {
      controller.use_ideal_memory(options.functional ? &soc.dram().memory() : nullptr, arch.dma.request_bytes);
    }
  }
  std::vector<MemoryTraffic> at_start(n), at_end(n);
  std::vector<std::optional<bool>> matches(n);
  std::size_t layers_done = 0;
  sync.on_layer_boundary = [&](std::size_t i, bool end) {
    (end ? at_end : at_start)[i] = soc.traffic();
    if (!end) return;
    if (options.functional) {
      const auto got =
          options.ideal_memory
              ? read_dram(soc, place.outputs[i], net.layers[i].output_bytes())
              : read_tensor(soc, place.outputs[i], static_cast<std::size_t>(net.layers[i].output_bytes()),
                            static_cast<std::uint64_t>(arch.l2.line_bytes));
      matches[i] = got == reference[i];
    }
    if (options.progress) options.progress(++layers_done, n);
  };
  sc_core::sc_start();
  if (!soc.finished()) {
    throw std::logic_error("the simulation ran out of events before the program finished: a deadlock");
  }
  // What memory does after the last layer (posted writes draining) belongs to the last layer.
  const MemoryTraffic total = soc.traffic();
  at_end.back() = total;
  result.traffic = total;
  if (soc.l2() != nullptr) result.l2_by_core = soc.l2()->stats().by_requester();

  if (arch.cores <= 1) {
    const auto& timings = soc.core(0).controller().layer_timings();
    for (std::size_t i = 0; i < n; ++i) {
      const CoreLayerJob& job = program.cores[0][i];
      LayerResult r = layer_result(arch, net.layers[i], timings[i]);
      r.traffic = at_end[i] - at_start[i];
      r.mapping = job.mapping;
      r.blocks = timings[i].blocks;
      r.commands = timings[i].commands;
      r.vector_cycles = timings[i].vector_busy;
      r.stalls = attribute_stalls(arch, timings[i], *r.traffic);
      r.functional_match = matches[i];
      result.layers.push_back(r);
    }
    return;
  }

  // Several cores. Layers overlap when one began before an earlier one had ended on every core.
  std::vector<std::int64_t> first(n, 0), last(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    bool any = false;
    for (const LayerPartRef& part : program.parts[i]) {
      const LayerTiming& t = soc.core(part.core).controller().layer_timings()[part.job];
      first[i] = any ? std::min<std::int64_t>(first[i], t.start) : t.start;
      last[i] = any ? std::max<std::int64_t>(last[i], t.end) : t.end;
      any = true;
    }
  }
  std::int64_t makespan = 0, latest_end = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (i > 0 && first[i] < latest_end) result.layers_overlap = true;
    latest_end = std::max(latest_end, last[i]);
    makespan = std::max(makespan, last[i]);
  }
  result.cores.assign(static_cast<std::size_t>(arch.cores), CoreResult{});
  const bool pipelined = network_strategy(arch) == PartitionStrategy::Pipeline;  // no split inside a layer
  for (std::size_t i = 0; i < n; ++i) {
    std::vector<LayerPart> parts;
    std::vector<const LayerTiming*> timings;
    for (const LayerPartRef& ref : program.parts[i]) {
      const LayerTiming& t = soc.core(ref.core).controller().layer_timings()[ref.job];
      const CoreLayerJob& job = program.cores[static_cast<std::size_t>(ref.core)][ref.job];
      LayerPart p;
      p.core = ref.core;
      p.region = job.mapping.region.value_or(whole_layer(job.layer));
      p.start = t.start;
      p.cycles = t.end - t.start;
      p.waited = t.waited;
      p.macs = t.macs;
      parts.push_back(p);
      timings.push_back(&t);
      CoreResult& c = result.cores[static_cast<std::size_t>(ref.core)];
      c.busy_cycles += p.cycles;
      c.waited_cycles += p.waited;
      c.macs += p.macs;
      ++c.parts;
    }
    const MemoryTraffic layer_traffic = at_end[i] - at_start[i];
    LayerResult r = combine_parts(arch, net.layers[i], parts, timings,
                                  result.layers_overlap ? total : layer_traffic, result.layers_overlap,
                                  arch.cores);
    if (!result.layers_overlap) r.traffic = layer_traffic;
    const CoreLayerJob& first_job = program.cores[static_cast<std::size_t>(program.parts[i].front().core)]
                                                 [program.parts[i].front().job];
    r.mapping = first_job.mapping;
    if (!pipelined) r.split = program.split[i];
    r.vector_cycles = 0;
    for (const LayerTiming* t : timings) r.vector_cycles += t->vector_busy;
    r.functional_match = matches[i];
    result.layers.push_back(r);
  }
  for (CoreResult& c : result.cores) c.utilization = utilization(arch, c.macs, makespan);
  result.total_cycles = makespan;
}

}  // namespace systolica
