// Lookups and text over the schema table (the rows themselves are in schema_table.cpp).
#include "sim/config/schema.h"

#include <fmt/format.h>

#include <algorithm>

#include "sim/config/binding.h"
#include "sim/config/units.h"

namespace systolica::config {

void assign(Dataflow& field, const Value& v) {
  field = parse_dataflow(v.text).value();
}

void assign(std::vector<Dataflow>& field, const Value& v) {
  field.clear();
  for (const auto& s : v.list) {
    field.push_back(parse_dataflow(s).value());
  }
}

Value read(Dataflow field) {
  Value v;
  v.text = std::string(to_string(field));
  return v;
}

Value read(const std::vector<Dataflow>& field) {
  Value v;
  for (Dataflow d : field) {
    v.list.emplace_back(to_string(d));
  }
  return v;
}

const KeySpec* find_key(std::string_view key) {
  // The names the sweep interface and most papers use for sizes; `capacity` stays canonical.
  static constexpr std::pair<std::string_view, std::string_view> kAliases[] = {
      {"scratchpad.size", "scratchpad.capacity"},
      {"accumulator.size", "accumulator.capacity"},
      {"l2.size", "l2.capacity"}};
  for (const auto& [alias, canonical] : kAliases) {
    if (key == alias) {
      key = canonical;
    }
  }
  for (const auto& spec : schema()) {
    if (spec.key == key) {
      return &spec;
    }
  }
  return nullptr;
}

bool is_section(std::string_view key) {
  if (key.empty()) {
    return false;
  }
  for (const auto& spec : schema()) {
    if (spec.key.size() > key.size() && spec.key.substr(0, key.size()) == key &&
        spec.key[key.size()] == '.') {
      return true;
    }
  }
  return false;
}

std::string children_of(std::string_view section) {
  const std::string prefix = section.empty() ? "" : std::string(section) + ".";
  std::vector<std::string_view> names;
  for (const auto& spec : schema()) {
    if (spec.key.substr(0, prefix.size()) != prefix) {
      continue;
    }
    std::string_view rest = spec.key.substr(prefix.size());
    rest = rest.substr(0, rest.find('.'));
    if (std::find(names.begin(), names.end(), rest) == names.end()) {
      names.push_back(rest);
    }
  }
  return fmt::format("{}", fmt::join(names, ", "));
}

namespace {
std::string flags_text(const KeySpec& spec) {
  std::string s;
  if (spec.flags & kPowerOfTwo) {
    s += ", power of two";
  }
  if (spec.flags & kAllowAuto) {
    s += ", or auto";
  }
  return s;
}

std::uint64_t as_count(double x) {
  return static_cast<std::uint64_t>(x);
}
}  // namespace

std::string allowed_text(const KeySpec& spec) {
  switch (spec.kind) {
    case Kind::Int:
      return fmt::format("{}..{}{}", as_count(spec.lo), as_count(spec.hi), flags_text(spec));
    case Kind::Size:
      return fmt::format("{}..{}{}", format_size(as_count(spec.lo)), format_size(as_count(spec.hi)),
                         flags_text(spec));
    case Kind::Frequency:
      return fmt::format("{}..{}", format_frequency(spec.lo), format_frequency(spec.hi));
    case Kind::Time:
      return fmt::format("{}..{}{}", format_time_ns(spec.lo), format_time_ns(spec.hi), flags_text(spec));
    case Kind::Cycles:
      return fmt::format("{}..{} cycles{}", as_count(spec.lo), as_count(spec.hi), flags_text(spec));
    case Kind::Fraction:
    case Kind::Real:
      return fmt::format("{}..{}{}", format_real(spec.lo), format_real(spec.hi), flags_text(spec));
    case Kind::Enum:
      return fmt::format("{}", fmt::join(spec.choices, " | "));
    case Kind::EnumList:
      return fmt::format("non-empty list of {}", fmt::join(spec.choices, ", "));
    case Kind::String:
      return "non-empty single-line text";
    case Kind::Bool:
      return "true | false";
  }
  return "";
}

std::string expected_text(const KeySpec& spec) {
  switch (spec.kind) {
    case Kind::Int:
      return "an integer in " + allowed_text(spec);
    case Kind::Size:
      return "a size in " + allowed_text(spec) + " (units B, KiB, MiB, GiB)";
    case Kind::Frequency:
      return "a frequency in " + allowed_text(spec) + " (units Hz, kHz, MHz, GHz)";
    case Kind::Time:
      return "a time in " + allowed_text(spec) + " (units ps, ns, us, ms, s)";
    case Kind::Cycles:
      return "a cycle count in " + allowed_text(spec);
    case Kind::Fraction:
      return "a fraction in " + allowed_text(spec) + " (e.g. 0.75 or 75%)";
    case Kind::Real:
      return "a number in " + allowed_text(spec);
    case Kind::Enum:
      return fmt::format("one of {}", fmt::join(spec.choices, ", "));
    case Kind::EnumList:
      return fmt::format("a non-empty list of distinct {}, e.g. {}", fmt::join(spec.choices, ", "),
                         spec.default_text);
    case Kind::String:
      return allowed_text(spec);
    case Kind::Bool:
      return "true or false";
  }
  return "";
}

std::string format_value(const KeySpec& spec, const Value& value) {
  if (value.is_auto) {
    return "auto";
  }
  switch (spec.kind) {
    case Kind::Int:
      return std::to_string(value.n);
    case Kind::Size:
      return format_size(value.n);
    case Kind::Frequency:
      return format_frequency(value.x);
    case Kind::Time:
      return format_time_ns(value.x);
    case Kind::Cycles:
      return format_cycles(value.n);
    case Kind::Fraction:
    case Kind::Real:
      return format_real(value.x);
    case Kind::Enum:
    case Kind::String:
      return value.text;
    case Kind::EnumList:
      return fmt::format("[{}]", fmt::join(value.list, ", "));
    case Kind::Bool:
      return value.n != 0 ? "true" : "false";
  }
  return "";
}

}  // namespace systolica::config
