#include "arch/dram/address_mapping.h"

#include <fmt/format.h>

#include <stdexcept>
#include <vector>

namespace systolica::dram {

namespace {

int log2_exact(std::uint64_t n) {  // n is a power of two (dram_config checks it)
  int bits = 0;
  while ((std::uint64_t{1} << bits) < n) ++bits;
  return bits;
}

constexpr std::array<std::string_view, 6> kTokens{"ro", "ra", "ba", "bg", "co", "ch"};

// The fields of a mapping name, most significant first, with ra and ch placed if it leaves them out.
// Returns an error message instead when the name is malformed.
std::string parse(std::string_view mapping, std::vector<int>& order) {
  order.clear();
  std::size_t start = 0;
  while (start <= mapping.size()) {
    const std::size_t end = std::min(mapping.find('_', start), mapping.size());
    const std::string_view token = mapping.substr(start, end - start);
    int field = -1;
    for (std::size_t i = 0; i < kTokens.size(); ++i) {
      if (kTokens[i] == token) field = static_cast<int>(i);
    }
    if (field < 0) {
      return fmt::format("'{}' in '{}' is not a field; expected ro, ra, ba, bg, co, ch joined by '_'", token,
                         mapping);
    }
    for (int f : order) {
      if (f == field) return fmt::format("'{}' names {} twice", mapping, token);
    }
    order.push_back(field);
    start = end + 1;
  }
  for (int required : {0, 2, 3, 4}) {  // ro, ba, bg, co
    bool found = false;
    for (int f : order) found = found || f == required;
    if (!found) return fmt::format("'{}' has no {} field", mapping, kTokens[required]);
  }
  bool has_rank = false, has_channel = false;
  for (int f : order) {
    has_rank = has_rank || f == 1;
    has_channel = has_channel || f == 5;
  }
  if (!has_rank) {
    for (std::size_t i = 0; i < order.size(); ++i) {
      if (order[i] == 0) {
        order.insert(order.begin() + static_cast<std::ptrdiff_t>(i) + 1, 1);
        break;
      }
    }
  }
  if (!has_channel) order.push_back(5);
  return "";
}

}  // namespace

std::string AddressMapper::mapping_error(std::string_view mapping) {
  std::vector<int> order;
  return parse(mapping, order);
}

AddressMapper::AddressMapper(const DramOrganization& org, std::string_view mapping) {
  std::vector<int> order;
  const std::string error = parse(mapping, order);
  if (!error.empty()) throw std::invalid_argument(error);
  // kTokens order is ro, ra, ba, bg, co, ch; Field enumerates them the same way.
  const std::array<std::uint64_t, kFields> counts{
      static_cast<std::uint64_t>(org.rows),           static_cast<std::uint64_t>(org.ranks),
      static_cast<std::uint64_t>(org.banks_per_group), static_cast<std::uint64_t>(org.bank_groups),
      static_cast<std::uint64_t>(org.bursts_per_row()), static_cast<std::uint64_t>(org.channels)};
  int shift = 0;
  for (auto it = order.rbegin(); it != order.rend(); ++it) {  // least significant first
    slice_[*it] = Slice{shift, log2_exact(counts[*it])};
    shift += slice_[*it].bits;
  }
  offset_bits_ = log2_exact(static_cast<std::uint64_t>(org.burst_bytes()));
  capacity_ = org.capacity_bytes();
}

DramAddress AddressMapper::decode(std::uint64_t address) const {
  const std::uint64_t a = address >> offset_bits_;
  auto field = [&](Field f) {
    return static_cast<std::int64_t>((a >> slice_[f].shift) & ((std::uint64_t{1} << slice_[f].bits) - 1));
  };
  DramAddress d;
  d.channel = static_cast<int>(field(Channel));
  d.rank = static_cast<int>(field(Rank));
  d.bank_group = static_cast<int>(field(Group));
  d.bank = static_cast<int>(field(Bank));
  d.row = field(Row);
  d.column = field(Column);
  return d;
}

std::uint64_t AddressMapper::encode(const DramAddress& d) const {
  auto put = [&](Field f, std::int64_t v) { return static_cast<std::uint64_t>(v) << slice_[f].shift; };
  const std::uint64_t a = put(Channel, d.channel) | put(Rank, d.rank) | put(Group, d.bank_group) |
                          put(Bank, d.bank) | put(Row, d.row) | put(Column, d.column);
  return a << offset_bits_;
}

}  // namespace systolica::dram
