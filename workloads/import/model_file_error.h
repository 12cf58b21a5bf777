#pragma once
// Any problem with a model file (YAML layer list, SCALE-Sim topology, ONNX): the file is missing or
// malformed, or describes a network that cannot exist. The message is one line that starts with the file
// path and, when one applies, the line: "net.yaml:12: layer 'c3': unknown key 'kernal'; allowed: ...".
// The command line prints it and exits with status 2.
#include <stdexcept>

namespace systolica {

class ModelFileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace systolica
