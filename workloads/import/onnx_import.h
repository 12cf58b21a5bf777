#pragma once
// Imports an ONNX model (through Debian's libonnx and protobuf) into the network IR. Convolutions, fully
// connected layers, pooling and residual adds become layers; batch-norm, biases and activations fold into
// them; shape-only operators alias tensors; operators the array cannot run become vector-unit layers.
// What maps to what, and the limits: docs/onnx_import.md.
#include <string>

#include "workloads/network.h"

namespace systolica {

// Reads an ONNX model into a Network. batch > 0 overrides the model's batch size (a symbolic or missing
// batch dimension means 1). Throws ModelFileError (workloads/import/model_file_error.h), one line starting
// with the file path, for a missing, truncated, corrupt or unsupported file.
Network import_onnx(const std::string& path, int batch = 0);

}  // namespace systolica
