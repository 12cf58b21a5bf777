#pragma once
// The energy parameters of one architecture, each with where its value came from: the node's table
// (configs/energy/<tech_nm>nm.yaml, or the file named by energy.table), the DRAM preset's entry in
// configs/energy/dram.yaml, or the config's energy.<name> override.
#include <array>
#include <string>

#include "arch/arch_spec.h"

namespace systolica::energy {

struct EnergyParameters {
  std::array<double, kEnergyParamCount> value{};
  std::array<std::string, kEnergyParamCount> source;  // "16nm.yaml", "dram.yaml LPDDR4-3200", "config"

  double operator[](EnergyParam p) const { return value[static_cast<std::size_t>(p)]; }
  bool overridden(EnergyParam p) const { return source[static_cast<std::size_t>(p)] == "config"; }
};

// Throws ConfigError (one line naming the table file, the key and what is allowed) for a table that is
// malformed, misses a key, has an unknown key, or gives a negative or absurd value.
EnergyParameters resolve_energy_parameters(const ArchSpec& arch);

// One node table's text (the YAML of configs/energy/22nm.yaml); `file` names it in messages. Fills the
// node parameters of `out` and marks their source as `file`. Exposed for tests.
void read_node_table(const std::string& text, const std::string& file, EnergyParameters& out);

}  // namespace systolica::energy
