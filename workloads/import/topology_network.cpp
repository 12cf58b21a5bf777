#include "workloads/import/topology_network.h"

#include <fmt/format.h>

#include <filesystem>
#include <stdexcept>

#include "workloads/import/model_file_error.h"
#include "workloads/topology_csv.h"

namespace systolica {

Network topology_network(const std::string& path, int batch) {
  if (batch < 1) throw std::invalid_argument(fmt::format("batch = {} is invalid; must be at least 1", batch));
  std::vector<Layer> layers;
  try {
    layers = read_scalesim_topology(path);
  } catch (const TopologyError& e) {
    throw ModelFileError(e.what());  // already one line, "FILE:LINE: ..."
  }
  if (layers.empty()) throw ModelFileError(fmt::format("{}: the topology has no layers", path));
  Network net;
  net.name = std::filesystem::path(path).stem().string();
  for (Layer& l : layers) {
    l.batch = batch;
    l.inputs.clear();
  }
  const Layer& first = layers.front();
  net.input = TensorShape{batch, first.in_h, first.in_w, first.in_c};
  net.layers = std::move(layers);
  try {
    net.validate();
  } catch (const LayerShapeError& e) {  // the reader checks shapes; a batch can still overflow a count
    throw ModelFileError(fmt::format("{}: {}", path, e.what()));
  }
  return net;
}

}  // namespace systolica
