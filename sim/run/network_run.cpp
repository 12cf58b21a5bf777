#include "sim/run/network_run.h"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>
#include <systemc>

#include "arch/core/core_geometry.h"
#include "arch/soc.h"
#include "sim/reference/quant_params.h"
#include "sim/reference/reference_network.h"
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

}  // namespace

void run_network_through_memory(const ArchSpec& arch, const Network& net, const RunOptions& options,
                                RunResult& result) {
  const CoreGeometry geometry = core_geometry(arch);
  const NetworkPlacement place = place_network(net);
  result.weight_bytes = place.weight_bytes;
  result.peak_activation_bytes = place.peak_activation_bytes;

  NetworkParams params;
  std::vector<std::vector<std::int8_t>> reference;
  if (options.functional) {
    params = make_network_params(net, options.seed);
    reference = run_reference_network(net, params);
  }

  std::vector<CoreLayerJob> program;
  for (std::size_t i = 0; i < net.layers.size(); ++i) {
    const Layer& l = net.layers[i];
    CoreLayerJob job;
    job.layer = l;
    const auto pin = options.pins.find(l.name);
    job.mapping =
        map_layer(l, geometry, arch.array.dataflow, pin == options.pins.end() ? MappingPin{} : pin->second);
    const auto& supported = arch.array.supported;
    if (l.on_array() &&
        std::find(supported.begin(), supported.end(), job.mapping.dataflow) == supported.end()) {
      throw MappingError(
          fmt::format("layer '{}': dataflow {} is not among the array's supported dataflows "
                      "(array.supported)",
                      l.name, to_string(job.mapping.dataflow)));
    }
    const std::size_t inputs = l.kind == LayerKind::Add ? 2 : std::max<std::size_t>(1, l.inputs.size());
    for (std::size_t w = 0; w < inputs; ++w) {
      job.at.inputs.push_back(place.input_address(net, i, w));
      // What the layer reads: its own input fields, except that a vector layer's other inputs have their own
      // shapes and a Gemm reads its producer flattened.
      job.at.input_shapes.push_back(
          l.kind == LayerKind::Vector ? net.input_shape(i, w) : TensorShape{l.batch, l.in_h, l.in_w, l.in_c});
    }
    job.at.weights = place.weights[i];
    job.at.output = place.outputs[i];
    job.scale = options.functional ? params.layers[i].scale : choose_scale(l);
    program.push_back(job);
  }

  Soc soc("soc", arch, {program}, options.functional);
  if (place.end > soc.dram().capacity_bytes()) {
    throw std::invalid_argument(
        fmt::format("the network's tensors need {} bytes of main memory; the DRAM holds {}", place.end,
                    soc.dram().capacity_bytes()));
  }
  if (options.functional) {
    write_bytes(soc, place.network_input, params.input);
    for (std::size_t i = 0; i < net.layers.size(); ++i) {
      const Layer& l = net.layers[i];
      if (l.on_array()) write_bytes(soc, place.weights[i], weight_image(l, params.layers[i].weights));
      if (i < params.extra_inputs.size() && !params.extra_inputs[i].empty()) {
        write_bytes(soc, place.own_inputs[i], params.extra_inputs[i]);
      }
    }
  }

  if (options.ideal_memory) {
    soc.core(0).controller().use_ideal_memory(options.functional ? &soc.dram().memory() : nullptr,
                                              arch.dma.request_bytes);
  }
  const std::size_t n = net.layers.size();
  std::vector<MemoryTraffic> at_start(n), at_end(n);
  std::vector<std::optional<bool>> matches(n);
  soc.core(0).controller().on_layer_boundary = [&](std::size_t i, bool end) {
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
    if (options.progress) options.progress(i + 1, n);
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
  for (std::size_t i = 0; i < n; ++i) {
    LayerResult r = layer_result(arch, net.layers[i], timings[i]);
    r.traffic = at_end[i] - at_start[i];
    r.mapping = program[i].mapping;
    r.blocks = timings[i].blocks;
    r.commands = timings[i].commands;
    r.vector_cycles = timings[i].vector_busy;
    r.stalls = attribute_stalls(arch, timings[i], *r.traffic);
    r.functional_match = matches[i];
    result.layers.push_back(r);
  }
}

}  // namespace systolica
