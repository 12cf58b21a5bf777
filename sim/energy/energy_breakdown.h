#pragma once
// Energy by component, in pJ. The components add up to the total exactly, by construction: total() is
// their sum, and nothing is priced outside a component.
#include <array>
#include <string_view>
#include <utility>

namespace systolica::energy {

struct EnergyBreakdown {
  double array = 0;            // MACs and PE register activity (operand forwarding, weight preloads)
  double vector_unit = 0;      // pooling, residual adds and other vector work
  double scratchpad = 0;       // int8 operand SRAM reads and writes
  double accumulator = 0;      // int32 SRAM reads, writes and the adds of read-modify-writes
  double l2 = 0;               // tag lookups, data reads and writes, fills and write-backs
  double interconnect = 0;     // bytes over the crossbar links
  double dram_dynamic = 0;     // ACT/PRE pairs, read and write bursts, refreshes, I/O
  double dram_background = 0;  // active and precharged standby over the runtime (static)
  double leakage = 0;          // SRAM and logic leakage over the runtime (static)

  static constexpr std::size_t kComponents = 9;
  // (JSON name, value) in report order.
  std::array<std::pair<std::string_view, double>, kComponents> components() const {
    return {{{"array", array},
             {"vector_unit", vector_unit},
             {"scratchpad", scratchpad},
             {"accumulator", accumulator},
             {"l2", l2},
             {"interconnect", interconnect},
             {"dram_dynamic", dram_dynamic},
             {"dram_background", dram_background},
             {"leakage", leakage}}};
  }
  double total() const {
    double sum = 0;
    for (const auto& c : components()) sum += c.second;
    return sum;
  }
  double static_energy() const { return dram_background + leakage; }
  double dram() const { return dram_dynamic + dram_background; }

  EnergyBreakdown& operator+=(const EnergyBreakdown& o) {
    array += o.array;
    vector_unit += o.vector_unit;
    scratchpad += o.scratchpad;
    accumulator += o.accumulator;
    l2 += o.l2;
    interconnect += o.interconnect;
    dram_dynamic += o.dram_dynamic;
    dram_background += o.dram_background;
    leakage += o.leakage;
    return *this;
  }
};

}  // namespace systolica::energy
