#pragma once
// Reads a network written as a plain YAML list of layers (docs/layer_list.md): an input shape, then one
// map per layer with its type, geometry and activation. Shapes are inferred through NetworkBuilder, so a
// file only states what a framework's model definition states. Plain C++, no SystemC.
#include <string>

#include "workloads/network.h"

namespace systolica {

// Reads the layer list at `path`. A `batch_override` above 0 replaces the file's batch. Throws
// ModelFileError (workloads/import/model_file_error.h) for every problem with the file, naming the file,
// the line, the key and what is allowed.
Network load_layer_list(const std::string& path, int batch_override = 0);

}  // namespace systolica
