#pragma once
// A banked SRAM: the scratchpad (int8 rows), and the base of the accumulator (int32 rows). Timing and
// data are separate calls, because the requesters (array, DMA) decide *when* an access happens from their
// own schedules, while the bytes move in zero simulated time:
//   - access() reserves a port of the row's bank in the first cycle >= `earliest` that has one free
//     (ports_per_bank per cycle, shared by reads and writes) and returns that cycle and the cycle its data
//     is ready (read) or visible (write): latency_cycles later. Waiting for a port is a bank conflict.
//   - row_data() is the row's bytes, in functional runs only; timing-only runs allocate no storage.
// Not a SystemC module: it has no process and never wakes up. With a clock it also forgets the past
// (cycles before the present) and serves requests for past cycles from the present.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "arch/arch_spec.h"
#include "arch/clock_domain.h"
#include "arch/sram/bank_calendar.h"
#include "arch/sram/sram_geometry.h"

namespace systolica {

enum class SramOp : std::uint8_t { Read, Write };

// Who accesses, so stalls can be attributed (the array waiting on the DMA or the other way round).
enum class SramClient : std::uint8_t { Array, Dma, Other };
inline constexpr int kSramClients = 3;

struct SramGrant {
  Cycle cycle = 0;  // the cycle the port is used
  Cycle ready = 0;  // cycle + latency: read data available, or written data readable
};

struct SramStats {
  std::uint64_t reads = 0;   // accesses
  std::uint64_t writes = 0;  // accesses
  std::uint64_t read_bytes = 0;
  std::uint64_t write_bytes = 0;
  std::uint64_t conflicts = 0;        // accesses granted after their earliest cycle
  std::uint64_t conflict_cycles = 0;  // sum over accesses of (granted - earliest)
  SramStats& operator+=(const SramStats& o);
};

class Sram {
 public:
  // `clock` (optional) lets the calendars forget cycles before the present; without it (plain C++ use,
  // tests) call forget_before() yourself or let the calendars grow. Throws std::invalid_argument on a
  // geometry that cannot hold a row (see SramGeometry).
  Sram(std::string name, const SramSpec& spec, bool functional, const ClockDomain* clock = nullptr);

  const std::string& name() const { return name_; }
  const SramSpec& spec() const { return spec_; }
  const SramGeometry& geometry() const { return geometry_; }
  bool functional() const { return !data_.empty(); }

  // Reserves one port of the row's bank; `bytes` (default: a whole row) is only counted. The row must
  // exist (asserted).
  SramGrant access(SramRow row, SramOp op, Cycle earliest, SramClient client = SramClient::Other,
                   int bytes = 0);

  // Counts accesses that take no port reservation: those a requester knows cannot contend, such as the
  // array's reads of a buffer that the mapping keeps in banks no DMA is using at the time.
  void record(SramOp op, SramClient client, std::uint64_t accesses, std::uint64_t bytes);

  // The row's bytes (row_bytes of them). Functional runs only (asserted).
  std::uint8_t* row_data(SramRow row);
  const std::uint8_t* row_data(SramRow row) const;

  // Ports taken in a cycle on a bank (for tests and debugging).
  int ports_used(int bank, Cycle cycle) const { return calendars_[bank].used(cycle); }
  void forget_before(Cycle cycle);

  const SramStats& stats(SramClient client) const { return stats_[static_cast<int>(client)]; }
  SramStats total_stats() const;

 private:
  std::string name_;
  SramSpec spec_;
  SramGeometry geometry_;
  const ClockDomain* clock_;
  std::vector<BankCalendar> calendars_;
  std::vector<std::uint8_t> data_;  // rows() x row_bytes, functional only
  std::array<SramStats, kSramClients> stats_{};
};

}  // namespace systolica
