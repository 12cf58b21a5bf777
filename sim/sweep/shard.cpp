#include "sim/sweep/shard.h"

#include <fmt/format.h>

#include <charconv>

#include "sim/cli/usage_error.h"

namespace systolica::sweep {

namespace {
bool parse_int(std::string_view s, int& out) {
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && end == s.data() + s.size();
}
}  // namespace

Shard parse_shard(const std::string& text) {
  const auto slash = text.find('/');
  Shard s;
  if (slash == std::string::npos || !parse_int(std::string_view(text).substr(0, slash), s.index) ||
      !parse_int(std::string_view(text).substr(slash + 1), s.count) || s.count < 1 || s.index < 1 ||
      s.index > s.count) {
    throw UsageError(fmt::format(
        "--shard {}: expected I/N with 1 <= I <= N, such as --shard 1/4 (the first of four)", text));
  }
  return s;
}

}  // namespace systolica::sweep
