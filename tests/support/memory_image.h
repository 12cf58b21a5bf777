#pragma once
// A layer's inputs and weights laid out in a flat main-memory image, as workloads/tile_transfers.h
// describes, for tests that execute DMA plans against it.
#include <cstdint>
#include <vector>

#include "workloads/layer_tensors.h"
#include "workloads/tile_transfers.h"

namespace systolica::test {

std::vector<std::int8_t> memory_image(const Layer& l, const LayerAddresses& at, const LayerTensors& t);

}  // namespace systolica::test
