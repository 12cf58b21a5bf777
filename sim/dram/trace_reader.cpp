#include "sim/dram/trace_reader.h"

#include <fmt/format.h>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace systolica::dram {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r'; }

// Text of the input quoted in a message: bounded, and control or non-ASCII bytes shown as '?'.
std::string printable(std::string_view text, std::size_t max) {
  std::string out(text.substr(0, max));
  for (char& c : out) {
    if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) > 0x7e) c = '?';
  }
  return out;
}

// Splits one line (comment already cut) into at most `max` words; returns how many there were.
int split_words(std::string_view line, std::string_view* words, int max) {
  int n = 0;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && is_space(line[i])) ++i;
    if (i >= line.size()) break;
    std::size_t j = i;
    while (j < line.size() && !is_space(line[j])) ++j;
    if (n < max) words[n] = line.substr(i, j - i);
    ++n;
    i = j;
  }
  return n;
}

bool parse_address(std::string_view w, std::uint64_t& out) {
  int base = 10;
  if (w.size() > 2 && w[0] == '0' && (w[1] == 'x' || w[1] == 'X')) {
    base = 16;
    w.remove_prefix(2);
  }
  if (w.empty() || w.size() > (base == 16 ? 16u : 20u)) return false;
  std::uint64_t v = 0;
  for (char c : w) {
    int d = -1;
    if (c >= '0' && c <= '9') d = c - '0';
    if (base == 16 && c >= 'a' && c <= 'f') d = c - 'a' + 10;
    if (base == 16 && c >= 'A' && c <= 'F') d = c - 'A' + 10;
    if (d < 0) return false;
    if (base == 10 && v > (~std::uint64_t{0} - static_cast<std::uint64_t>(d)) / 10) return false;
    v = v * static_cast<std::uint64_t>(base) + static_cast<std::uint64_t>(d);
  }
  out = v;
  return true;
}

// A non-negative decimal number of ns ("12", "12.5"), as whole picoseconds.
bool parse_time_ps(std::string_view w, std::int64_t& out) {
  std::int64_t whole = 0, frac = 0, scale = 1000;
  std::size_t i = 0;
  for (; i < w.size() && w[i] >= '0' && w[i] <= '9'; ++i) {
    if (whole > 1'000'000'000'000) return false;  // beyond ~11 days of simulated time
    whole = whole * 10 + (w[i] - '0');
  }
  const bool had_digits = i > 0;
  if (i < w.size() && w[i] == '.') {
    ++i;
    std::size_t digits = 0;
    for (; i < w.size() && w[i] >= '0' && w[i] <= '9'; ++i, ++digits) {
      if (digits < 3) {
        scale /= 10;
        frac += (w[i] - '0') * scale;
      }
    }
    if (!had_digits && digits == 0) return false;
  } else if (!had_digits) {
    return false;
  }
  if (i != w.size()) return false;
  out = whole * 1000 + frac;
  return true;
}

}  // namespace

std::vector<TraceRequest> parse_trace(std::string_view text, const std::string& name, std::uint64_t capacity,
                                      const std::string& describe_capacity) {
  std::vector<TraceRequest> out;
  out.reserve(text.size() / 12);
  std::size_t line_no = 0, pos = 0;
  while (pos < text.size()) {
    ++line_no;
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    line = line.substr(0, line.find('#'));
    std::string_view w[3];
    const int n = split_words(line, w, 3);
    if (n == 0) continue;
    const auto where = [&] { return fmt::format("{}:{}", name, line_no); };  // only for errors
    const auto shown = [&] { return printable(line, 60); };
    if (n > 3) {
      throw TraceError(fmt::format("{}: '{}' has {} fields; expected R|W 0xADDR [TIME_NS]", where(), shown(), n));
    }
    TraceRequest r;
    if (w[0] == "R" || w[0] == "r") {
      r.is_write = false;
    } else if (w[0] == "W" || w[0] == "w") {
      r.is_write = true;
    } else {
      throw TraceError(fmt::format("{}: '{}' is not R or W; expected R|W 0xADDR [TIME_NS]", where(),
                                   printable(w[0], 20)));
    }
    if (n < 2) throw TraceError(fmt::format("{}: '{}' has no address; expected R|W 0xADDR [TIME_NS]", where(), shown()));
    if (!parse_address(w[1], r.address)) {
      throw TraceError(fmt::format("{}: '{}' is not an address; expected hex (0x1f40) or decimal", where(),
                                   printable(w[1], 40)));
    }
    if (capacity != 0 && r.address >= capacity) {
      throw TraceError(fmt::format("{}: address {:#x} is beyond the DRAM capacity ({:#x} bytes{}{})", where(),
                                   r.address, capacity, describe_capacity.empty() ? "" : ": ", describe_capacity));
    }
    if (n == 3 && !parse_time_ps(w[2], r.time_ps)) {
      throw TraceError(fmt::format("{}: '{}' is not a time; expected a non-negative number of ns such as 120 or 12.5",
                                   where(), printable(w[2], 40)));
    }
    out.push_back(r);
  }
  if (out.empty()) throw TraceError(fmt::format("{}: the trace has no requests", name));
  return out;
}

std::vector<TraceRequest> read_trace(const std::string& path, std::uint64_t capacity,
                                     const std::string& describe_capacity) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    throw TraceError(fmt::format("cannot read trace '{}': it is a directory", path));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw TraceError(fmt::format("cannot read trace '{}': {}", path, std::strerror(errno)));
  std::stringstream text;
  text << in.rdbuf();
  if (in.bad()) throw TraceError(fmt::format("cannot read trace '{}': read error", path));
  return parse_trace(text.str(), path, capacity, describe_capacity);
}

}  // namespace systolica::dram
