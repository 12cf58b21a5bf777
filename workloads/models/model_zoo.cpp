#include "workloads/models/model_zoo.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <stdexcept>

#include "workloads/models/zoo_models.h"

namespace systolica {

namespace {

struct ZooEntry {
  const char* name;
  Network (*build)(const TensorShape&);
};

const ZooEntry kZoo[] = {
    {"resnet18", zoo::resnet18},
    {"resnet50", zoo::resnet50},
    {"mobilenetv1", zoo::mobilenetv1},
    {"mobilenetv2", zoo::mobilenetv2},
};

}  // namespace

const std::vector<std::string>& model_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v;
    for (const ZooEntry& e : kZoo) v.emplace_back(e.name);
    return v;
  }();
  return names;
}

Network make_model(const std::string& name, int batch, int resolution) {
  if (batch < 1) throw std::invalid_argument(fmt::format("batch = {} is invalid; must be at least 1", batch));
  if (resolution < 1) {
    throw std::invalid_argument(fmt::format("resolution = {} is invalid; must be at least 1", resolution));
  }
  for (const ZooEntry& e : kZoo) {
    if (name == e.name) return e.build(TensorShape{batch, resolution, resolution, 3});
  }
  throw std::invalid_argument(
      fmt::format("unknown model '{}'; allowed: {}", name, fmt::join(model_names(), ", ")));
}

}  // namespace systolica
