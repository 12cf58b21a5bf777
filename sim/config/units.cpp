#include "sim/config/units.h"

#include <fmt/format.h>

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <optional>

namespace systolica::config {

namespace {

constexpr std::uint64_t kMax = std::numeric_limits<std::uint64_t>::max();

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) {
    s.remove_prefix(1);
  }
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) {
    s.remove_suffix(1);
  }
  return s;
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// A number followed by an optional unit: "1.5 GHz" -> {"1", "5", "", "GHz"}. The grammar is kept strict
// (no hex, no "inf", no thousands separators) so that nothing odd slips through as a number.
struct Number {
  bool negative = false;
  std::string_view whole, frac, exponent;  // digits only ("exponent" may start with a sign)
  std::string_view unit;                   // the rest, trimmed; empty if none
  std::string_view number_text;            // the number as written, sign included
};

std::optional<Number> split_number(std::string_view text, bool allow_exponent) {
  Number n;
  text = trim(text);
  std::size_t i = 0;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) {
    n.negative = text[i++] == '-';
  }
  std::size_t start = i;
  while (i < text.size() && is_digit(text[i])) {
    ++i;
  }
  n.whole = text.substr(start, i - start);
  if (i < text.size() && text[i] == '.') {
    start = ++i;
    while (i < text.size() && is_digit(text[i])) {
      ++i;
    }
    n.frac = text.substr(start, i - start);
  }
  if (n.whole.empty() && n.frac.empty()) {
    return std::nullopt;
  }
  if (allow_exponent && i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    std::size_t j = i + 1;
    if (j < text.size() && (text[j] == '-' || text[j] == '+')) {
      ++j;
    }
    const std::size_t digits = j;
    while (j < text.size() && is_digit(text[j])) {
      ++j;
    }
    if (j > digits) {
      n.exponent = text.substr(i + 1, j - i - 1);
      i = j;
    }
  }
  n.number_text = text.substr(0, i);
  n.unit = trim(text.substr(i));
  return n;
}

bool mul_overflows(std::uint64_t a, std::uint64_t b, std::uint64_t& out) {
  if (a != 0 && b > kMax / a) {
    return true;
  }
  out = a * b;
  return false;
}

// Decimal digits to an integer; nullopt on overflow.
std::optional<std::uint64_t> digits_value(std::string_view digits) {
  std::uint64_t v = 0;
  for (char c : digits) {
    if (mul_overflows(v, 10, v) || v > kMax - static_cast<std::uint64_t>(c - '0')) {
      return std::nullopt;
    }
    v += static_cast<std::uint64_t>(c - '0');
  }
  return v;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

struct Unit {
  std::string_view name;
  double mul;  // value in base unit = number * mul / div (division keeps "ps" exact)
  double div;
};

constexpr Unit kFrequencyUnits[] = {{"GHz", 1e9, 1}, {"MHz", 1e6, 1}, {"kHz", 1e3, 1}, {"Hz", 1, 1}};
constexpr Unit kTimeUnits[] = {{"s", 1e9, 1}, {"ms", 1e6, 1}, {"us", 1e3, 1}, {"ns", 1, 1}, {"ps", 1, 1e3}};

// Reads a real number with one of `units`; `what` names the quantity for messages.
double parse_real_with_unit(std::string_view text, const Unit* units, std::size_t count,
                            std::string_view what, bool unit_required) {
  const auto n = split_number(text, /*allow_exponent=*/true);
  if (!n) {
    throw UnitError(fmt::format("is not a {}", what));
  }
  if (n->negative) {
    throw UnitError("is negative");
  }
  double scale_mul = 1, scale_div = 1;
  if (n->unit.empty()) {
    if (unit_required) {
      throw UnitError("has no unit (a bare number could be ns or cycles)");
    }
  } else {
    const Unit* found = nullptr;
    for (std::size_t i = 0; i < count; ++i) {
      if (n->unit == units[i].name) {
        found = &units[i];
      }
    }
    if (found == nullptr) {
      for (std::size_t i = 0; i < count; ++i) {
        if (iequals(n->unit, units[i].name)) {
          throw UnitError(fmt::format("has unit '{}' (did you mean {}?)", n->unit, units[i].name));
        }
      }
      throw UnitError(fmt::format("has unknown unit '{}'", n->unit));
    }
    scale_mul = found->mul;
    scale_div = found->div;
  }
  const std::string number(n->number_text);
  errno = 0;
  const double x = std::strtod(number.c_str(), nullptr);
  if (errno == ERANGE || !std::isfinite(x)) {
    throw UnitError(fmt::format("is out of range for a {}", what));
  }
  const double v = x * scale_mul / scale_div;
  if (!std::isfinite(v)) {
    throw UnitError(fmt::format("is out of range for a {}", what));
  }
  return v;
}

// The shortest "<number> <unit>" that parse() reads back as exactly `v`, trying the largest unit first.
template <typename Parse>
std::string format_real_with_unit(double v, const Unit* units, std::size_t count, Parse parse) {
  for (std::size_t i = 0; i < count; ++i) {
    const double in_unit = v * units[i].div / units[i].mul;
    if (v == 0) {
      break;  // "0 ns", not "0 s"
    }
    if (in_unit < 1) {
      continue;
    }
    const std::string number = fmt::format("{}", in_unit);
    if (number.find_first_of("eE") != std::string::npos) {
      continue;
    }
    std::string candidate = number + " " + std::string(units[i].name);
    if (parse(candidate) == v) {
      return candidate;
    }
  }
  for (std::size_t i = 0; i < count; ++i) {  // the base unit always reads back exactly
    if (units[i].mul == 1 && units[i].div == 1) {
      return fmt::format("{} {}", v, units[i].name);
    }
  }
  return fmt::format("{}", v);
}

}  // namespace

std::uint64_t parse_count(std::string_view text) {
  const auto n = split_number(text, /*allow_exponent=*/false);
  if (!n || !n->unit.empty()) {
    throw UnitError("is not an integer");
  }
  if (n->negative) {
    throw UnitError("is negative");
  }
  if (!n->frac.empty() || n->whole.empty()) {
    throw UnitError("is not a whole number");
  }
  const auto v = digits_value(n->whole);
  if (!v) {
    throw UnitError("is too large");
  }
  return *v;
}

std::uint64_t parse_size(std::string_view text) {
  const auto n = split_number(text, /*allow_exponent=*/false);
  if (!n) {
    throw UnitError("is not a size");
  }
  std::uint64_t unit = 1;
  const std::string_view u = n->unit;
  if (u.empty() || u == "B") {
    unit = 1;
  } else if (u == "KiB") {
    unit = 1ull << 10;
  } else if (u == "MiB") {
    unit = 1ull << 20;
  } else if (u == "GiB") {
    unit = 1ull << 30;
  } else if (iequals(u, "kb") || iequals(u, "mb") || iequals(u, "gb") || iequals(u, "tb") ||
             iequals(u, "k") || iequals(u, "m") || iequals(u, "g")) {
    throw UnitError(fmt::format(
        "uses the ambiguous unit '{}' (1000 or 1024?); write KiB, MiB or GiB (1 KiB = 1024 B)", u));
  } else if (iequals(u, "kib") || iequals(u, "mib") || iequals(u, "gib") || iequals(u, "b")) {
    throw UnitError(fmt::format("has unit '{}' (units are case-sensitive: B, KiB, MiB, GiB)", u));
  } else {
    throw UnitError(fmt::format("has unknown unit '{}'", u));
  }
  if (n->negative) {
    throw UnitError("is negative");
  }
  // Exact decimal arithmetic: "1.5 KiB" = 15 * 1024 / 10, which must be a whole number of bytes.
  if (n->frac.size() > 18) {
    throw UnitError("has too many decimal places");
  }
  const auto mantissa = digits_value(std::string(n->whole) + std::string(n->frac));
  std::uint64_t scaled = 0;
  if (!mantissa || mul_overflows(*mantissa, unit, scaled)) {
    throw UnitError("is too large");
  }
  std::uint64_t den = 1;
  for (std::size_t i = 0; i < n->frac.size(); ++i) {
    den *= 10;
  }
  if (scaled % den != 0) {
    throw UnitError("is not a whole number of bytes");
  }
  return scaled / den;
}

double parse_frequency(std::string_view text) {
  return parse_real_with_unit(text, kFrequencyUnits, std::size(kFrequencyUnits), "frequency",
                              /*unit_required=*/false);
}

double parse_time_ns(std::string_view text) {
  return parse_real_with_unit(text, kTimeUnits, std::size(kTimeUnits), "time",
                              /*unit_required=*/true);
}

std::uint64_t parse_cycles(std::string_view text) {
  const auto n = split_number(text, /*allow_exponent=*/false);
  if (!n) {
    throw UnitError("is not a cycle count");
  }
  if (!n->unit.empty() && n->unit != "cycles" && n->unit != "cycle") {
    throw UnitError(fmt::format(
        "has unit '{}'; this latency is counted in cycles of its clock domain (write e.g. '10 cycles')",
        n->unit));
  }
  if (n->negative) {
    throw UnitError("is negative");
  }
  if (!n->frac.empty() || n->whole.empty()) {
    throw UnitError("is not a whole number of cycles");
  }
  const auto v = digits_value(n->whole);
  if (!v) {
    throw UnitError("is too large");
  }
  return *v;
}

double parse_fraction(std::string_view text) {
  const auto n = split_number(text, /*allow_exponent=*/true);  // format_real may print 1e-05
  if (!n || (!n->unit.empty() && n->unit != "%")) {
    throw UnitError("is not a fraction (e.g. 0.75 or 75%)");
  }
  if (n->negative) {
    throw UnitError("is negative");
  }
  const double x = std::strtod(std::string(n->number_text).c_str(), nullptr);
  return n->unit == "%" ? x / 100 : x;
}

double parse_real(std::string_view text) {
  const auto n = split_number(text, /*allow_exponent=*/true);
  if (!n || !n->unit.empty()) {
    throw UnitError("is not a plain number (e.g. 0.088 or 1e-3)");
  }
  if (n->negative) {
    throw UnitError("is negative");
  }
  return std::strtod(std::string(n->number_text).c_str(), nullptr);
}

std::string format_size(std::uint64_t bytes) {
  constexpr std::pair<std::uint64_t, std::string_view> kUnits[] = {
      {1ull << 30, "GiB"}, {1ull << 20, "MiB"}, {1ull << 10, "KiB"}};
  for (const auto& [unit, name] : kUnits) {
    if (bytes != 0 && bytes % unit == 0) {
      return fmt::format("{} {}", bytes / unit, name);
    }
  }
  return fmt::format("{} B", bytes);
}

std::string format_frequency(double hz) {
  return format_real_with_unit(hz, kFrequencyUnits, std::size(kFrequencyUnits),
                               [](const std::string& s) { return parse_frequency(s); });
}

std::string format_time_ns(double ns) {
  return format_real_with_unit(ns, kTimeUnits, std::size(kTimeUnits),
                               [](const std::string& s) { return parse_time_ns(s); });
}

std::string format_cycles(std::uint64_t n) {
  return fmt::format("{} {}", n, n == 1 ? "cycle" : "cycles");
}

std::string format_real(double x) {
  return fmt::format("{}", x);
}

}  // namespace systolica::config
