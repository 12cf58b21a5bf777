#pragma once
// Where a network's tensors live in main memory, as a compiler for the accelerator would place them:
// every layer's weights in one read-only region, then an activation arena in which each output is
// allocated when its layer runs and freed after its last reader, so later outputs reuse the space
// (first fit). Plain C++.
#include <cstdint>
#include <vector>

#include "workloads/network.h"

namespace systolica {

struct NetworkPlacement {
  std::uint64_t network_input = 0;
  std::vector<std::uint64_t> weights;       // per layer; 0 for layers without weights
  std::vector<std::uint64_t> outputs;       // per layer
  std::vector<std::uint64_t> own_inputs;    // per layer: the independent input of a layer with empty inputs
                                            // other than the first (SCALE-Sim topologies; an Add's two
                                            // operands back to back); 0 otherwise
  std::uint64_t weight_bytes = 0;           // the weight region's size
  std::uint64_t peak_activation_bytes = 0;  // most arena bytes live at once
  std::uint64_t end = 0;                    // one past the highest address used

  // The address layer `i` reads its input `which` from.
  std::uint64_t input_address(const Network& net, std::size_t i, std::size_t which) const;
};

// `reuse` false gives every tensor space of its own: cores working on different layers or images at once
// (a pipeline, a batch split) must not overwrite a tensor another core may still read.
NetworkPlacement place_network(const Network& net, std::uint64_t align = 4096, bool reuse = true);

}  // namespace systolica
