#pragma once
// DRAM models by name (dram.model in the config). Adding a model means writing a DramEngine and adding
// one row to the table in engine_registry.cpp. (A table rather than self-registering static objects:
// the models live in a static library, and the linker drops object files nothing refers to.)
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "arch/dram/dram_config.h"
#include "arch/dram/dram_engine.h"

namespace systolica::dram {

// Builds the model cfg.model names. Throws std::invalid_argument for an unknown name.
std::unique_ptr<DramEngine> make_dram_engine(const DramConfig& cfg);

std::vector<std::string> dram_engine_names();

}  // namespace systolica::dram
