#pragma once
// The built-in networks, built layer by layer through NetworkBuilder so every shape is inferred and checked.
// Batch-norm is folded into the convs (no BN layers); activations are fused into the layer that produces
// them. Layer names follow Gemmini's test programs (../shared/reference/*_layers.csv), so a report lines up
// with the published per-layer figures. Plain C++, no SystemC.
#include <string>
#include <vector>

#include "workloads/network.h"

namespace systolica {

// resnet18, resnet50 (v1.5: stride 2 on the 3x3 conv of a bottleneck), mobilenetv1, mobilenetv2 (width 1.0).
// `resolution` is the square input size (224 normally; tests use 32 for small functional runs).
// Throws std::invalid_argument naming the allowed models for an unknown name, or for batch/resolution < 1.
Network make_model(const std::string& name, int batch = 1, int resolution = 224);
const std::vector<std::string>& model_names();

}  // namespace systolica
