#include "arch/energy/energy_params.h"

namespace systolica {

const std::array<EnergyParamInfo, kEnergyParamCount>& energy_param_info() {
  using T = EnergyTable;
  // clang-format off
  static const std::array<EnergyParamInfo, kEnergyParamCount> kInfo{{
      {"mac_pj",                       T::Node, "pJ per int8 MAC, arithmetic only (multiply + int32 add)",  100},
      {"pe_register_bit_pj",           T::Node, "pJ per bit latched in a PE pipeline register",             10},
      {"accumulate_pj",                T::Node, "pJ per int32 add in the accumulator or vector unit",       100},
      {"sram_read_k_pj",               T::Node, "SRAM read fit: pJ per access of 1 KiB, 64 bits wide",       1000},
      {"sram_read_capacity_exponent",  T::Node, "SRAM read fit: exponent of capacity / 1 KiB",               2},
      {"sram_read_width_exponent",     T::Node, "SRAM read fit: exponent of port width / 64 bit",            2},
      {"sram_write_k_pj",              T::Node, "SRAM write fit: pJ per access of 1 KiB, 64 bits wide",      1000},
      {"sram_write_capacity_exponent", T::Node, "SRAM write fit: exponent of capacity / 1 KiB",              2},
      {"sram_write_width_exponent",    T::Node, "SRAM write fit: exponent of port width / 64 bit",           2},
      {"l2_tag_pj",                    T::Node, "pJ per L2 access for the tag lookup, beside the data array", 10000},
      {"noc_pj_per_byte",              T::Node, "pJ per byte carried over one crossbar link",                1000},
      {"sram_leakage_uw_per_kib",      T::Node, "SRAM static power, uW per KiB",                             1000},
      {"logic_leakage_fraction",       T::Node, "logic static power / the array's peak dynamic power",      1},
      {"dram_vdd_v",                   T::Dram, "DRAM core supply voltage, V",                               5},
      {"dram_devices_per_rank",        T::Dram, "DRAM devices (dies) that work together in one rank",        64},
      {"dram_idd0_ma",                 T::Dram, "IDD0: one bank activating and precharging, mA per device",  10000},
      {"dram_idd2n_ma",                T::Dram, "IDD2N: precharged standby, mA per device",                  10000},
      {"dram_idd3n_ma",                T::Dram, "IDD3N: active standby, mA per device",                      10000},
      {"dram_idd4r_ma",                T::Dram, "IDD4R: burst reads, mA per device",                         10000},
      {"dram_idd4w_ma",                T::Dram, "IDD4W: burst writes, mA per device",                        10000},
      {"dram_idd5b_ma",                T::Dram, "IDD5B: all-bank refresh, mA per device",                    10000},
      {"dram_io_pj_per_bit",           T::Dram, "I/O and PHY energy per bit on the bus, not in the IDDs",    100},
  }};
  // clang-format on
  return kInfo;
}

}  // namespace systolica
