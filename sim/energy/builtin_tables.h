#pragma once
// The energy tables of configs/energy/, compiled into the binary (cmake/embed_energy_tables.cmake).
#include <map>
#include <string>

namespace systolica::energy {

// File name ("22nm.yaml", "dram.yaml") -> its text.
const std::map<std::string, std::string>& builtin_tables();

}  // namespace systolica::energy
