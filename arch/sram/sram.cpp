#include "arch/sram/sram.h"

#include <algorithm>

namespace systolica {

SramStats& SramStats::operator+=(const SramStats& o) {
  reads += o.reads;
  writes += o.writes;
  read_bytes += o.read_bytes;
  write_bytes += o.write_bytes;
  conflicts += o.conflicts;
  conflict_cycles += o.conflict_cycles;
  return *this;
}

Sram::Sram(std::string name, const SramSpec& spec, bool functional, const ClockDomain* clock)
    : name_(std::move(name)),
      spec_(spec),
      geometry_(spec),
      clock_(clock),
      calendars_(static_cast<std::size_t>(spec.banks), BankCalendar(spec.ports_per_bank)) {
  if (functional) data_.assign(static_cast<std::size_t>(geometry_.rows()) * spec.row_bytes, 0);
}

void Sram::record(SramOp op, SramClient client, std::uint64_t accesses, std::uint64_t bytes) {
  SramStats& s = stats_[static_cast<int>(client)];
  if (op == SramOp::Read) {
    s.reads += accesses;
    s.read_bytes += bytes;
  } else {
    s.writes += accesses;
    s.write_bytes += bytes;
  }
}

SramGrant Sram::access(SramRow row, SramOp op, Cycle earliest, SramClient client, int bytes) {
  sc_assert(geometry_.contains(row));
  BankCalendar& bank = calendars_[geometry_.bank_of(row)];
  if (clock_ != nullptr) {
    const Cycle now = clock_->now();
    bank.forget_before(now);
    earliest = std::max(earliest, now);
  }
  earliest = std::max(earliest, bank.horizon());
  const Cycle granted = bank.reserve(earliest);
  record(op, client, 1, static_cast<std::uint64_t>(bytes > 0 ? bytes : spec_.row_bytes));
  SramStats& s = stats_[static_cast<int>(client)];
  if (granted > earliest) {
    ++s.conflicts;
    s.conflict_cycles += static_cast<std::uint64_t>(granted - earliest);
  }
  return {granted, granted + spec_.latency_cycles};
}

std::uint8_t* Sram::row_data(SramRow row) {
  sc_assert(functional() && geometry_.contains(row));
  return data_.data() + static_cast<std::size_t>(row) * spec_.row_bytes;
}

const std::uint8_t* Sram::row_data(SramRow row) const {
  sc_assert(functional() && geometry_.contains(row));
  return data_.data() + static_cast<std::size_t>(row) * spec_.row_bytes;
}

void Sram::forget_before(Cycle cycle) {
  for (BankCalendar& c : calendars_) c.forget_before(cycle);
}

SramStats Sram::total_stats() const {
  SramStats t;
  for (const SramStats& s : stats_) t += s;
  return t;
}

}  // namespace systolica
