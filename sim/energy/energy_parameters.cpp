#include "sim/energy/energy_parameters.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <cmath>
#include <fstream>
#include <sstream>
#include <vector>

#include "sim/config/config_error.h"
#include "sim/energy/builtin_tables.h"

namespace systolica::energy {

namespace {

using config::fail;
using config::where_in;

std::string names_of(EnergyTable table) {
  std::vector<std::string_view> names;
  for (const auto& p : energy_param_info()) {
    if (p.table == table) names.push_back(p.name);
  }
  return fmt::format("{}", fmt::join(names, ", "));
}

int param_index(std::string_view name, EnergyTable table) {
  for (std::size_t i = 0; i < kEnergyParamCount; ++i) {
    if (energy_param_info()[i].name == name && energy_param_info()[i].table == table) {
      return static_cast<int>(i);
    }
  }
  return -1;
}

double read_number(const YAML::Node& node, const std::string& where, std::string_view key, double max) {
  double x = 0;
  if (!node.IsScalar() || !YAML::convert<double>::decode(node, x) || !std::isfinite(x)) {
    fail(where, key,
         fmt::format("'{}' is not a number; expected a number in 0..{}",
                     node.IsScalar() ? node.Scalar() : "a map or list", max));
  }
  if (x < 0 || x > max) {
    fail(where, key, fmt::format("{} is out of range; expected a number in 0..{}", node.Scalar(), max));
  }
  return x;
}

YAML::Node parse(const std::string& text, const std::string& file) {
  try {
    YAML::Node root = YAML::Load(text);
    if (!root.IsMap()) fail(file, "", "an energy table must be a map of key: value");
    return root;
  } catch (const YAML::Exception& e) {
    fail(where_in(file, e.mark), "", fmt::format("malformed YAML: {}", e.msg));
  }
}

// Reads the parameters of `table` from `map` into `out`; every one must be there, nothing else may be.
void read_map(const YAML::Node& map, const std::string& file, EnergyTable table, const std::string& source,
              std::string_view prefix, EnergyParameters& out) {
  std::vector<bool> seen(kEnergyParamCount, false);
  for (const auto& entry : map) {
    const std::string name = entry.first.as<std::string>();
    const std::string where = where_in(file, entry.first.Mark());
    const std::string key = std::string(prefix) + name;
    if (table == EnergyTable::Node && name == "tech_nm") continue;  // informational
    const int i = param_index(name, table);
    if (i < 0) {
      fail(where, key, fmt::format("unknown energy table key; expected {}", names_of(table)));
    }
    out.value[i] = read_number(entry.second, where, key, energy_param_info()[i].max);
    out.source[i] = source;
    seen[i] = true;
  }
  for (std::size_t i = 0; i < kEnergyParamCount; ++i) {
    if (energy_param_info()[i].table == table && !seen[i]) {
      fail(file, std::string(prefix) + std::string(energy_param_info()[i].name),
           fmt::format("missing; an energy table must give every one of {}", names_of(table)));
    }
  }
}

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) fail("energy.table", path, "cannot be read; expected a YAML energy table (docs/energy.md)");
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

void read_node_table(const std::string& text, const std::string& file, EnergyParameters& out) {
  read_map(parse(text, file), file, EnergyTable::Node, file, "", out);
}

EnergyParameters resolve_energy_parameters(const ArchSpec& arch) {
  EnergyParameters p;
  const auto& tables = builtin_tables();
  if (arch.energy.table.empty() || arch.energy.table == "auto") {
    const std::string name = fmt::format("{}nm.yaml", arch.energy.tech_nm);
    read_node_table(tables.at(name), name, p);
  } else {
    read_node_table(read_file(arch.energy.table), arch.energy.table, p);
  }
  const YAML::Node dram = parse(tables.at("dram.yaml"), "dram.yaml");
  const YAML::Node preset = dram[arch.dram.preset];
  if (!preset || !preset.IsMap()) {
    fail("dram.yaml", arch.dram.preset, "has no energy entry; every dram.preset needs one");
  }
  read_map(preset, "dram.yaml", EnergyTable::Dram, "dram.yaml " + arch.dram.preset, arch.dram.preset + ".",
           p);
  for (std::size_t i = 0; i < kEnergyParamCount; ++i) {
    if (arch.energy.overrides[i]) {
      p.value[i] = *arch.energy.overrides[i];
      p.source[i] = "config";
    }
  }
  if (p[EnergyParam::DramDevicesPerRank] < 1) {
    fail("energy", "dram_devices_per_rank", "is below 1; expected the devices (dies) in a rank");
  }
  return p;
}

}  // namespace systolica::energy
