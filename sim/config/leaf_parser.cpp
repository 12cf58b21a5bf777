#include "sim/config/leaf_parser.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "sim/config/config_error.h"
#include "sim/config/units.h"

namespace systolica::config {

namespace {

bool is_power_of_two(std::uint64_t n) {
  return n != 0 && (n & (n - 1)) == 0;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

std::string shape_of(const YAML::Node& node) {
  if (node.IsMap()) {
    return "found a map";
  }
  if (node.IsSequence()) {
    return "found a list";
  }
  return "is empty";
}

// Checks one choice; `text` is what the user wrote. Returns the choice as the schema spells it (the
// same text unless the key takes any capitalization).
std::string check_choice(const KeySpec& spec, const std::string& text, std::string_view where) {
  if (std::find(spec.choices.begin(), spec.choices.end(), text) != spec.choices.end()) {
    return text;
  }
  std::string hint;
  for (const auto& c : spec.choices) {
    if (lower(c) == lower(text)) {
      if (spec.flags & kAnyCase) {
        return std::string(c);
      }
      hint = fmt::format(" (did you mean {}?)", c);
    }
  }
  fail(where, spec.key, fmt::format("'{}' is not allowed{}; expected {}", text, hint, expected_text(spec)));
}

Value parse_list(const KeySpec& spec, const YAML::Node& node, std::string_view where) {
  if (!node.IsSequence()) {
    const std::string found =
        node.IsScalar() ? fmt::format("'{}' is not a list", node.Scalar()) : shape_of(node);
    fail(where, spec.key, fmt::format("{}; expected {}", found, expected_text(spec)));
  }
  Value v;
  for (const auto& item : node) {
    if (!item.IsScalar()) {
      fail(where, spec.key,
           fmt::format("{} inside the list; expected {}", shape_of(item), expected_text(spec)));
    }
    check_choice(spec, item.Scalar(), where);
    if (std::find(v.list.begin(), v.list.end(), item.Scalar()) != v.list.end()) {
      fail(where, spec.key, fmt::format("lists '{}' twice; expected {}", item.Scalar(), expected_text(spec)));
    }
    v.list.push_back(item.Scalar());
  }
  if (v.list.empty()) {
    fail(where, spec.key, "is an empty list; expected " + expected_text(spec));
  }
  return v;
}

// Parses the scalar by kind; unit problems come back as UnitError and are reported with the text.
Value parse_scalar(const KeySpec& spec, const std::string& text) {
  Value v;
  if ((spec.flags & kAllowAuto) && text == "auto") {
    v.is_auto = true;
    v.text = text;
    return v;
  }
  switch (spec.kind) {
    case Kind::Int:
      v.n = parse_count(text);
      break;
    case Kind::Size:
      v.n = parse_size(text);
      break;
    case Kind::Frequency:
      v.x = parse_frequency(text);
      break;
    case Kind::Time:
      v.x = parse_time_ns(text);
      break;
    case Kind::Cycles:
      v.n = parse_cycles(text);
      break;
    case Kind::Fraction:
      v.x = parse_fraction(text);
      break;
    case Kind::Real:
      v.x = parse_real(text);
      break;
    case Kind::Enum:
    case Kind::String:
    case Kind::EnumList:
      v.text = text;
      break;
    case Kind::Bool:
      if (text != "true" && text != "false") {
        throw UnitError("is not true or false");
      }
      v.n = text == "true" ? 1 : 0;
      break;
  }
  return v;
}

bool in_range(const KeySpec& spec, const Value& v) {
  if (v.is_auto) {
    return true;
  }
  switch (spec.kind) {
    case Kind::Int:
    case Kind::Size:
    case Kind::Cycles:
      return static_cast<double>(v.n) >= spec.lo && static_cast<double>(v.n) <= spec.hi;
    case Kind::Frequency:
    case Kind::Time:
    case Kind::Fraction:
    case Kind::Real:
      return v.x >= spec.lo && v.x <= spec.hi;
    default:
      return true;
  }
}

}  // namespace

Value parse_leaf(const KeySpec& spec, const YAML::Node& node, std::string_view where) {
  if (spec.kind == Kind::EnumList) {
    return parse_list(spec, node, where);
  }
  if (!node.IsScalar()) {
    fail(where, spec.key, fmt::format("{}; expected {}", shape_of(node), expected_text(spec)));
  }
  const std::string& text = node.Scalar();
  Value v;
  try {
    v = parse_scalar(spec, text);
  } catch (const UnitError& e) {
    fail(where, spec.key, fmt::format("'{}' {}; expected {}", text, e.what(), expected_text(spec)));
  }
  if (spec.kind == Kind::Enum && !v.is_auto) {
    v.text = check_choice(spec, text, where);
  }
  if (spec.kind == Kind::String) {
    const bool control = std::any_of(text.begin(), text.end(),
                                     [](char c) { return std::iscntrl(static_cast<unsigned char>(c)); });
    if (text.empty() || control) {
      fail(where, spec.key, fmt::format("'{}' is not allowed; expected {}", text, expected_text(spec)));
    }
  }
  if (!in_range(spec, v)) {
    fail(where, spec.key, fmt::format("'{}' is out of range; expected {}", text, expected_text(spec)));
  }
  if ((spec.flags & kPowerOfTwo) && !v.is_auto && !is_power_of_two(v.n)) {
    fail(where, spec.key, fmt::format("'{}' is not a power of two; expected {}", text, expected_text(spec)));
  }
  return v;
}

}  // namespace systolica::config
