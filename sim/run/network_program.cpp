#include "sim/run/network_program.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <stdexcept>

#include "arch/core/core_geometry.h"

namespace systolica {

namespace {

// The job of layer `i` without its mapping: addresses, read-out and index.
CoreLayerJob job_of(const Network& net, const NetworkPlacement& place, std::size_t i, const OutputScale& scale) {
  const Layer& l = net.layers[i];
  CoreLayerJob job;
  job.layer = l;
  job.layer_index = i;
  const std::size_t inputs = l.kind == LayerKind::Add ? 2 : std::max<std::size_t>(1, l.inputs.size());
  for (std::size_t w = 0; w < inputs; ++w) {
    job.at.inputs.push_back(place.input_address(net, i, w));
    // What the layer reads: its own input fields, except that a vector layer's other inputs have their own
    // shapes and a Gemm reads its producer flattened.
    job.at.input_shapes.push_back(l.kind == LayerKind::Vector ? net.input_shape(i, w)
                                                              : TensorShape{l.batch, l.in_h, l.in_w, l.in_c});
  }
  job.at.weights = place.weights[i];
  job.at.output = place.outputs[i];
  job.scale = scale;
  return job;
}

// A mapping for `region` of the layer (none: the whole layer on one core), checked against the array.
LayerMapping map_part(const ArchSpec& arch, const CoreGeometry& geometry, const Layer& l, const MappingPin& pin,
                      const std::optional<LayerRegion>& region) {
  LayerMapping m = map_layer(l, geometry, arch.array.dataflow, pin, region);
  const auto& supported = arch.array.supported;
  if (l.on_array() && std::find(supported.begin(), supported.end(), m.dataflow) == supported.end()) {
    throw MappingError(fmt::format("layer '{}': dataflow {} is not among the array's supported dataflows "
                                   "(array.supported)",
                                   l.name, to_string(m.dataflow)));
  }
  return m;
}

// The regions and their mappings for one split of a layer; the estimate is the slowest part's.
struct Split {
  PartitionStrategy used = PartitionStrategy::Channels;
  std::vector<LayerMapping> mappings;
  double estimate = 0;
};

Split split_and_map(const ArchSpec& arch, const CoreGeometry& geometry, const Layer& l, const MappingPin& pin,
                    PartitionStrategy strategy) {
  Split s;
  for (const LayerRegion& r : split_layer(l, strategy, arch.cores, arch.array.cols, s.used)) {
    s.mappings.push_back(map_part(arch, geometry, l, pin, r));
    s.estimate = std::max(s.estimate, s.mappings.back().estimated_cycles);
  }
  return s;
}

// Auto: the split whose slowest part the mapper expects to finish first (ties: channels, rows, batch).
Split best_split(const ArchSpec& arch, const CoreGeometry& geometry, const Layer& l, const MappingPin& pin) {
  std::optional<Split> best;
  std::optional<MappingError> last_error;
  for (PartitionStrategy s : {PartitionStrategy::Channels, PartitionStrategy::Rows, PartitionStrategy::Batch}) {
    try {
      Split candidate = split_and_map(arch, geometry, l, pin, s);
      if (!best || candidate.estimate < best->estimate) best = std::move(candidate);
    } catch (const MappingError& e) {
      last_error = e;
    }
  }
  if (!best) throw *last_error;
  return *best;
}

}  // namespace

PartitionStrategy network_strategy(const ArchSpec& arch) {
  PartitionStrategy s = PartitionStrategy::Channels;
  if (!parse_partition_strategy(arch.partition.strategy, s)) {
    throw std::invalid_argument(fmt::format("partition.strategy: '{}' is not one of channels, rows, batch, "
                                            "pipeline, auto",
                                            arch.partition.strategy));
  }
  return s;
}

NetworkProgram build_network_program(const ArchSpec& arch, const Network& net, const NetworkPlacement& place,
                                     const RunOptions& options, const std::vector<OutputScale>& scales) {
  const CoreGeometry geometry = core_geometry(arch);
  const int cores = std::max(1, arch.cores);
  const PartitionStrategy strategy = network_strategy(arch);
  const std::size_t n = net.layers.size();
  NetworkProgram p;
  p.cores.resize(static_cast<std::size_t>(cores));
  p.parts.resize(n);
  p.split.assign(n, strategy);
  auto pin_of = [&](const Layer& l) {
    const auto it = options.pins.find(l.name);
    return it == options.pins.end() ? MappingPin{} : it->second;
  };
  auto add = [&](int core, CoreLayerJob job) {
    auto& program = p.cores[static_cast<std::size_t>(core)];
    p.parts[job.layer_index].push_back(LayerPartRef{core, program.size()});
    program.push_back(std::move(job));
  };

  if (strategy == PartitionStrategy::Pipeline) {
    for (const Layer& l : net.layers) {
      if (pin_of(l).partition) {
        throw std::invalid_argument(
            fmt::format("mapping.{}.partition: a per-layer split does not apply with partition.strategy: "
                        "pipeline, which gives whole layers to cores",
                        l.name));
      }
    }
    // Each stage's layers image by image: a core starts the next image as soon as its own stage is done
    // with this one, while the next stage works on this one.
    std::vector<LayerMapping> mappings;
    std::vector<double> work;  // stages are balanced by the mapper's estimates (memory contention aside)
    for (std::size_t i = 0; i < n; ++i) {
      LayerRegion one = whole_layer(net.layers[i]);
      one.images = 1;
      mappings.push_back(map_part(arch, geometry, net.layers[i], pin_of(net.layers[i]),
                                  cores > 1 ? std::optional<LayerRegion>(one) : std::nullopt));
      work.push_back(mappings.back().estimated_cycles);
    }
    const std::vector<int> stage = pipeline_stages(work, cores);
    for (int b = 0; b < (cores > 1 ? net.input.n : 1); ++b)
      for (std::size_t i = 0; i < n; ++i) {
        CoreLayerJob job = job_of(net, place, i, scales[i]);
        job.mapping = mappings[i];
        if (job.mapping.region) job.mapping.region->image0 = b;
        add(stage[i], std::move(job));
      }
    return p;
  }

  for (std::size_t i = 0; i < n; ++i) {
    const Layer& l = net.layers[i];
    const MappingPin pin = pin_of(l);
    if (cores == 1) {
      CoreLayerJob job = job_of(net, place, i, scales[i]);
      job.mapping = map_part(arch, geometry, l, pin, std::nullopt);
      add(0, std::move(job));
      continue;
    }
    const PartitionStrategy wanted = pin.partition.value_or(strategy);
    const Split s = wanted == PartitionStrategy::Auto ? best_split(arch, geometry, l, pin)
                                                      : split_and_map(arch, geometry, l, pin, wanted);
    p.split[i] = s.used;
    for (std::size_t k = 0; k < s.mappings.size(); ++k) {
      CoreLayerJob job = job_of(net, place, i, scales[i]);
      job.mapping = s.mappings[k];
      add(static_cast<int>(k), std::move(job));
    }
  }
  return p;
}

}  // namespace systolica
