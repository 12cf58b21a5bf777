#include "sim/run/network_program.h"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

#include "arch/core/core_geometry.h"
#include "sim/report/roofline.h"

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

// Without an L2 every core's loads go to DRAM, so a split whose parts all read the same input (channels)
// or the same weights (rows) fetches them once per core: the estimate is at least the DRAM time of all the
// parts' loads. An L2 merges those fetches; the parts' own estimates stand.
Split split_and_map(const ArchSpec& arch, const CoreGeometry& geometry, const Layer& l, const MappingPin& pin,
                    PartitionStrategy strategy, double dram_bytes_per_cycle) {
  Split s;
  double fetched = 0;
  for (const LayerRegion& r : split_layer(l, strategy, arch.cores, arch.array.cols, s.used)) {
    s.mappings.push_back(map_part(arch, geometry, l, pin, r));
    s.estimate = std::max(s.estimate, s.mappings.back().estimated_cycles);
    fetched += s.mappings.back().estimated_load_bytes;
  }
  if (arch.l2.capacity_bytes == 0 && dram_bytes_per_cycle > 0) {
    s.estimate = std::max(s.estimate, fetched / dram_bytes_per_cycle);
  }
  return s;
}

// Auto: the split the mapper expects to finish first: its slowest part, or without an L2 the DRAM time of
// all its parts' loads if longer (ties: channels, rows, batch).
Split best_split(const ArchSpec& arch, const CoreGeometry& geometry, const Layer& l, const MappingPin& pin,
                 double dram_bytes_per_cycle) {
  std::optional<Split> best;
  std::optional<MappingError> last_error;
  for (PartitionStrategy s : {PartitionStrategy::Channels, PartitionStrategy::Rows, PartitionStrategy::Batch}) {
    try {
      Split candidate = split_and_map(arch, geometry, l, pin, s, dram_bytes_per_cycle);
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
  const double dram_bytes_per_cycle = roofline_machine(arch).dram_bytes_per_cycle;
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
    // The images the job completes for LayerSync: its region's; all of the network's for a layer whose
    // own batch is not the network's (a layer list may hold one), so that it waits for every image.
    const LayerRegion r = job.mapping.region.value_or(whole_layer(job.layer));
    const bool own_images = job.layer.batch == net.input.n;
    job.sync_image0 = own_images ? r.image0 : 0;
    job.sync_images = own_images ? r.images : std::max(1, net.input.n);
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
    // with this one, while the next stage works on this one. A layer whose batch is not the network's
    // (a layer list may hold one) runs whole, once, after the last image.
    const int images = cores > 1 ? net.input.n : 1;
    auto per_image = [&](const Layer& l) { return cores > 1 && l.batch == net.input.n; };
    std::vector<LayerMapping> mappings;
    std::vector<double> work;  // stages are balanced by the mapper's estimates (memory contention aside)
    for (std::size_t i = 0; i < n; ++i) {
      const Layer& l = net.layers[i];
      LayerRegion one = whole_layer(l);
      one.images = 1;
      mappings.push_back(map_part(arch, geometry, l, pin_of(l),
                                  per_image(l) ? std::optional<LayerRegion>(one) : std::nullopt));
      work.push_back(mappings.back().estimated_cycles * (per_image(l) ? images : 1));
    }
    const std::vector<int> stage = pipeline_stages(work, cores);
    for (int b = 0; b < images; ++b)
      for (std::size_t i = 0; i < n; ++i) {
        if (!per_image(net.layers[i]) && b + 1 < images) continue;
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
    const Split s = wanted == PartitionStrategy::Auto
                        ? best_split(arch, geometry, l, pin, dram_bytes_per_cycle)
                        : split_and_map(arch, geometry, l, pin, wanted, 0);
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
