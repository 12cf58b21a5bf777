#pragma once
// A SCALE-Sim topology CSV (workloads/topology_csv.h) as a Network. SCALE-Sim's layers are independent
// shapes, not a chain (one row's output need not be the next row's input), so every layer has empty
// `inputs`: it reads a network input of its own shape (see workloads/network.h). Plain C++, no SystemC.
#include <string>

#include "workloads/network.h"

namespace systolica {

// Reads the topology at `path`, every layer with the given batch. Throws ModelFileError
// (workloads/import/model_file_error.h) for a file that cannot be read or does not follow the format, and
// std::invalid_argument for batch < 1.
Network topology_network(const std::string& path, int batch = 1);

}  // namespace systolica
