#include "sim/config/checks.h"

#include <fmt/format.h>

#include "arch/dram/dram_config.h"

#include <algorithm>
#include <initializer_list>

#include "sim/config/config_error.h"
#include "sim/config/units.h"

namespace systolica::config {

namespace {

class Checker {
 public:
  Checker(const ArchSpec& arch, const Assignments& set) : a(arch), set_(set) {}

  // Fails with `detail` unless `ok`. `keys` are the keys involved, the likeliest culprit first.
  void require(bool ok, std::initializer_list<std::string_view> keys, const std::string& detail) const {
    if (ok) {
      return;
    }
    for (std::string_view k : keys) {
      const auto it = set_.find(k);
      if (it != set_.end()) {
        fail(it->second.where, k, detail);
      }
    }
    fail("", *keys.begin(), detail);
  }

  // The same, for a list of keys built at run time.
  void require(bool ok, const std::vector<std::string>& keys, const std::string& detail) const {
    if (ok) {
      return;
    }
    for (const auto& k : keys) {
      const auto it = set_.find(k);
      if (it != set_.end()) {
        fail(it->second.where, k, detail);
      }
    }
    fail("", keys.empty() ? std::string_view("dram") : std::string_view(keys.front()), detail);
  }

  bool is_auto(std::string_view key) const {
    const auto it = set_.find(key);
    return it == set_.end() || it->second.value.is_auto;  // both row_bytes default to auto
  }

  // "scratchpad.row_bytes (16 B)" or, when derived, "scratchpad.row_bytes (auto: 16 B)".
  std::string row_text(std::string_view key, int row_bytes) const {
    return fmt::format("{} ({}{})", key, is_auto(key) ? "auto: " : "", format_size(row_bytes));
  }

  const ArchSpec& a;

 private:
  const Assignments& set_;
};

std::string list_text(const std::vector<Dataflow>& flows) {
  std::vector<std::string_view> names;
  names.reserve(flows.size());
  for (Dataflow d : flows) {
    names.push_back(to_string(d));
  }
  return fmt::format("[{}]", fmt::join(names, ", "));
}

void check_array(const Checker& c) {
  const auto& s = c.a.array.supported;
  c.require(
      std::find(s.begin(), s.end(), c.a.array.dataflow) != s.end(), {"array.dataflow", "array.dataflows"},
      fmt::format("'{}' is not supported by this hardware: array.dataflows is {}; add it there or choose one "
                  "of those",
                  to_string(c.a.array.dataflow), list_text(s)));
}

// One banked SRAM. `element` is the bytes of one array-column value it holds (1 for int8, 4 for int32).
void check_sram(const Checker& c, const SramSpec& m, std::string_view name, int element) {
  const std::string cap = std::string(name) + ".capacity", banks = std::string(name) + ".banks",
                    row = std::string(name) + ".row_bytes";
  const int cols = c.a.array.cols, rows = c.a.array.rows;
  const std::uint64_t row_width = static_cast<std::uint64_t>(element) * cols;  // bytes of one array row
  if (!c.is_auto(row)) {
    const std::string row_of = element == 1 ? fmt::format("array.cols ({}) int8 values", cols)
                                            : fmt::format("array.cols ({}) int32 values", cols);
    c.require(static_cast<std::uint64_t>(m.row_bytes) >= row_width, {row, "array.cols"},
              fmt::format("{} is narrower than one array row of {} = {}; expected at least {} or auto",
                          format_size(m.row_bytes), row_of, format_size(row_width), format_size(row_width)));
    c.require(
        m.row_bytes % element == 0, {row},
        fmt::format("{} is not a whole number of {}-byte accumulator entries; expected a multiple of {} B",
                    format_size(m.row_bytes), element, element));
  }
  // Banks are equal in size, and each holds at least one row. A bank need not hold a whole number of
  // rows: an odd array width (3 columns, say) leaves a few bytes of each bank unused, as hardware would.
  c.require(m.capacity_bytes % static_cast<std::uint64_t>(m.banks) == 0, {cap, banks},
            fmt::format("{} ({}) does not divide evenly into {} ({}) equal banks; expected a multiple of {} B",
                        cap, format_size(m.capacity_bytes), banks, m.banks, m.banks));
  c.require(m.capacity_bytes / static_cast<std::uint64_t>(m.banks) >= static_cast<std::uint64_t>(m.row_bytes),
            {cap, banks, row},
            fmt::format("{} ({}) split into {} ({}) banks leaves less than one row of {} per bank; expected at "
                        "least {}",
                        cap, format_size(m.capacity_bytes), banks, m.banks, c.row_text(row, m.row_bytes),
                        format_size(static_cast<std::uint64_t>(m.banks) * m.row_bytes)));
  // Double-buffering: the next block is loaded while the current one is used, so two must fit. The
  // scratchpad holds int8 operand tiles (a weight tile is rows x cols); the accumulator holds int32 output
  // rows that stream past the array (any number of them, at least one per buffer).
  const std::uint64_t two_blocks = element == 1 ? 2ull * rows * cols : 2ull * cols * element;
  const std::string block_text = element == 1 ? fmt::format("{}x{} int8 array tiles", rows, cols)
                                              : fmt::format("rows of {} int32 array outputs", cols);
  c.require(m.capacity_bytes >= two_blocks, {cap, "array.rows", "array.cols"},
            fmt::format("{} ({}) holds less than two {} ({}), so double-buffering is impossible; expected at "
                        "least {}",
                        cap, format_size(m.capacity_bytes), block_text, format_size(two_blocks),
                        format_size(two_blocks)));
}

void check_l2(const Checker& c) {
  const L2Spec& l2 = c.a.l2;
  if (l2.capacity_bytes == 0) {
    return;  // no L2
  }
  // The L2 serves requests inside one line; a DMA request never crosses a request_bytes boundary.
  c.require(static_cast<std::uint64_t>(c.a.dma.request_bytes) <= static_cast<std::uint64_t>(l2.line_bytes),
            {"dma.request_bytes", "l2.line_bytes"},
            fmt::format("dma.request_bytes ({}) is larger than l2.line_bytes ({}), so a request would span two "
                        "lines; expected at most {}",
                        format_size(c.a.dma.request_bytes), format_size(l2.line_bytes), format_size(l2.line_bytes)));
  const std::uint64_t set_bytes = static_cast<std::uint64_t>(l2.ways) * l2.line_bytes * l2.banks;
  const std::string detail = fmt::format(
      "l2.capacity ({}) is not a whole number of sets: l2.ways ({}) x l2.line_bytes ({}) x l2.banks "
      "({}) = {} per set; expected a multiple of {}, or 0 B for no L2",
      format_size(l2.capacity_bytes), l2.ways, format_size(l2.line_bytes), l2.banks, format_size(set_bytes),
      format_size(set_bytes));
  c.require(l2.capacity_bytes % set_bytes == 0, {"l2.capacity", "l2.ways", "l2.line_bytes", "l2.banks"},
            detail);
}

// The DRAM's own rules (power-of-two geometry, a burst that fits a row, consistent timing) live with the
// model in arch/dram/dram_config.cpp; they name fields below "dram.", the likeliest culprit first.
void check_dram(const Checker& c) {
  const DramSpec& d = c.a.dram;
  c.require(
      d.write_drain_low < d.write_drain_high, {"dram.write_drain_low", "dram.write_drain_high"},
      fmt::format("dram.write_drain_low ({}) must be below dram.write_drain_high ({}), or a write drain "
                  "would never stop",
                  format_real(d.write_drain_low), format_real(d.write_drain_high)));
  const dram::DramConfig resolved = dram::resolve_dram_config(d);
  for (const dram::DramProblem& p : dram::find_problems(resolved)) {
    std::vector<std::string> keys;
    for (const auto& f : p.fields) {
      keys.push_back("dram." + f);
    }
    c.require(false, keys, p.message);
  }
  // A cache line is fetched as whole bursts of one row (docs/dram.md), so it cannot be longer than a row.
  const std::uint64_t row = static_cast<std::uint64_t>(resolved.org.row_bytes());
  c.require(static_cast<std::uint64_t>(c.a.l2.line_bytes) <= row,
            std::vector<std::string>{"l2.line_bytes", "dram.org.columns", "dram.org.bus_bits", "dram.preset"},
            fmt::format("l2.line_bytes ({}) is bigger than a DRAM row ({}: dram.org.columns {} x {} B)",
                        format_size(c.a.l2.line_bytes), format_size(row), resolved.org.columns,
                        resolved.org.bus_bytes()));
}

}  // namespace

void check_arch(const ArchSpec& arch, const Assignments& set) {
  const Checker c(arch, set);
  check_array(c);
  check_sram(c, arch.scratchpad, "scratchpad", 1);
  check_sram(c, arch.accumulator, "accumulator", 4);
  check_l2(c);
  check_dram(c);
}

}  // namespace systolica::config
