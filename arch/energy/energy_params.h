#pragma once
// The numbers the energy model prices actions with, in one list. The YAML tables in configs/energy/,
// the config keys `energy.<name>` that override them, and the report's parameter listing all come from
// this list, so a parameter is added in exactly one place. docs/energy.md derives every default.
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace systolica {

enum class EnergyParam : int {
  // Logic, from the technology node's table (configs/energy/<node>nm.yaml).
  MacPj,            // int8 multiply + int32 add, arithmetic only
  PeRegisterBitPj,  // one bit latched in a PE pipeline register
  AccumulatePj,     // one int32 add outside the array (accumulator, vector unit)
  SramReadKPj,      // E_read = k * (capacity / 1 KiB)^capacity_exponent * (width / 64 bit)^width_exponent
  SramReadCapacityExponent,
  SramReadWidthExponent,
  SramWriteKPj,  // the same fit for writes
  SramWriteCapacityExponent,
  SramWriteWidthExponent,
  L2TagPj,               // tag lookup and compare per L2 access, on top of the data array
  NocPjPerByte,          // one byte over one crossbar link
  SramLeakageUwPerKib,   // static power of every SRAM KiB
  LogicLeakageFraction,  // logic static power as a fraction of the array's peak dynamic power
  // DRAM devices, from the preset's table (configs/energy/dram.yaml); the same at every node.
  DramVddV,
  DramDevicesPerRank,
  DramIdd0Ma,
  DramIdd2nMa,
  DramIdd3nMa,
  DramIdd4rMa,
  DramIdd4wMa,
  DramIdd5bMa,
  DramIoPjPerBit,
  Count
};

constexpr std::size_t kEnergyParamCount = static_cast<std::size_t>(EnergyParam::Count);

enum class EnergyTable { Node, Dram };  // which table a parameter's default comes from

struct EnergyParamInfo {
  std::string_view name;  // the YAML key and the config key's last part: energy.<name>
  EnergyTable table;
  std::string_view description;
  double max;  // largest value a config or table may give (the smallest is 0); catches unit slips
};

const std::array<EnergyParamInfo, kEnergyParamCount>& energy_param_info();
inline const EnergyParamInfo& info(EnergyParam p) {
  return energy_param_info()[static_cast<std::size_t>(p)];
}

// The energy section of an architecture: which tables, and the numbers the config overrides.
struct EnergySpec {
  int tech_nm = 22;            // 45, 22 or 16: selects configs/energy/<tech_nm>nm.yaml
  std::string table = "auto";  // a user table replacing the node's; "auto": the built-in one
  std::array<std::optional<double>, kEnergyParamCount> overrides;  // energy.<name>; empty: the table's
};

}  // namespace systolica
