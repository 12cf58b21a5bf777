#pragma once
// The resolved DRAM configuration: a preset with the config's per-field overrides applied, queue sizes
// turned into entry counts, and every rule that makes a memory impossible checked in one place.
// Plain C++: no SystemC.
#include <stdexcept>
#include <string>
#include <vector>

#include "arch/arch_spec.h"
#include "arch/dram/dram_preset.h"
#include "arch/dram/dram_types.h"

namespace systolica::dram {

enum class PagePolicy { Open, Closed };

struct DramConfig {
  std::string model = "cycle";          // which engine (arch/dram/engine_registry.h)
  std::string preset = "DDR4-2400";     // canonical spelling
  DramOrganization org;
  DramTiming timing;
  PagePolicy page_policy = PagePolicy::Open;
  std::string address_mapping = "ro_ba_bg_co";
  bool refresh = true;
  int read_queue = 32;                  // entries per channel
  int write_queue = 32;
  int drain_high = 24;                  // write-queue entries that start a write drain
  int drain_low = 8;                    // entries at (or below) which the drain stops
  int frontend_latency = 1;             // clocks from acceptance until a request may be scheduled
  DramCycle fixed_latency = 60;         // model "fixed": clocks from acceptance to completion

  int burst_cycles() const { return org.burst_length / 2; }  // clocks one burst holds the data bus
  double peak_bytes_per_ns() const {                           // all channels streaming back to back
    return static_cast<double>(org.channels) * org.burst_bytes() / (burst_cycles() * timing.tCK_ns());
  }
};

// One reason a configuration cannot be built. `fields` name what is involved, likeliest culprit first,
// as config keys below "dram." ("timing.tRC", "org.columns", "channels").
struct DramProblem {
  std::vector<std::string> fields;
  std::string message;
};

class DramConfigError : public std::invalid_argument {
 public:
  DramConfigError(std::vector<std::string> fields, const std::string& message)
      : std::invalid_argument(message), fields_(std::move(fields)) {}
  const std::vector<std::string>& fields() const { return fields_; }

 private:
  std::vector<std::string> fields_;
};

// The preset with overrides applied, without checking it (find_problems does that).
DramConfig resolve_dram_config(const DramSpec& spec);

// Everything wrong with a configuration, in a fixed order; empty if it is buildable.
std::vector<DramProblem> find_problems(const DramConfig& cfg);

// resolve_dram_config + find_problems; throws DramConfigError naming the first problem.
DramConfig make_dram_config(const DramSpec& spec);

}  // namespace systolica::dram
