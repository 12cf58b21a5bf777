#pragma once
// The vocabulary of the DRAM model: cycles of the DRAM clock, the commands a controller sends, and a
// decoded address. Plain C++ (no SystemC), so the timing core can be unit-tested and run on its own.
#include <array>
#include <cstdint>
#include <limits>
#include <string_view>

namespace systolica::dram {

// Cycles of the DRAM clock (tCK of the preset). Kept apart from the core's Cycle by name and by
// convention: the SystemC wrapper converts only at the module boundary (arch/clock_domain.h).
using DramCycle = std::int64_t;
inline constexpr DramCycle kNever = std::numeric_limits<DramCycle>::max();

// RDA/WRA are reads/writes with auto-precharge (closed-page policy). PREA closes every bank of a rank
// (before a refresh). REF is an all-bank refresh.
enum class Command : std::uint8_t { ACT, PRE, PREA, RD, WR, RDA, WRA, REF };
inline constexpr int kNumCommands = 8;

inline constexpr std::array<std::string_view, kNumCommands> kCommandNames{"ACT", "PRE", "PREA", "RD",
                                                                          "WR",  "RDA", "WRA",  "REF"};
constexpr std::string_view to_string(Command c) { return kCommandNames[static_cast<int>(c)]; }
constexpr int index(Command c) { return static_cast<int>(c); }

constexpr bool is_read(Command c) { return c == Command::RD || c == Command::RDA; }
constexpr bool is_write(Command c) { return c == Command::WR || c == Command::WRA; }
constexpr bool is_column(Command c) { return is_read(c) || is_write(c); }
constexpr bool has_auto_precharge(Command c) { return c == Command::RDA || c == Command::WRA; }

// Where one burst lives. `bank` is the bank within its bank group; flat_bank() numbers the banks of a
// channel, rank-major, so per-bank arrays are indexed the same way everywhere.
struct DramAddress {
  int channel = 0;
  int rank = 0;
  int bank_group = 0;
  int bank = 0;
  std::int64_t row = 0;
  std::int64_t column = 0;  // in bursts within the row (column address / burst length)
};

}  // namespace systolica::dram
