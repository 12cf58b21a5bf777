#include "workloads/import/yaml_map.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "workloads/import/model_file_error.h"

namespace systolica::yaml_import {

void fail(const std::string& file, const YAML::Mark& mark, const std::string& detail) {
  std::string msg = mark.is_null() ? fmt::format("{}: {}", file, detail)
                                   : fmt::format("{}:{}: {}", file, mark.line + 1, detail);
  // One line of plain text, always: a newline in a quoted layer name or a YAML message must not split it.
  for (char& c : msg) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
  }
  throw ModelFileError(msg);
}

YAML::Node load_file(const std::string& path) {
  const YAML::Mark none = YAML::Mark::null_mark();
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) fail(path, none, "is a directory; expected a YAML layer list");
  std::ifstream in(path, std::ios::binary);
  if (!in) fail(path, none, fmt::format("cannot open the model file: {}", std::strerror(errno)));
  std::stringstream text;
  text << in.rdbuf();
  try {
    return YAML::Load(text.str());
  } catch (const YAML::Exception& e) {  // syntax errors, undefined aliases, ...
    fail(path, e.mark, fmt::format("malformed YAML at column {}: {}", e.mark.column + 1, e.msg));
  }
}

std::string describe(const YAML::Node& node) {
  if (!node.IsDefined() || node.IsNull()) return "nothing";
  if (node.IsSequence()) return "a list";
  if (node.IsMap()) return "a map";
  return fmt::format("'{}'", node.Scalar());
}

std::string did_you_mean(const std::string& word, const std::vector<std::string>& names) {
  // Levenshtein distance; a name within a third of its length (at least 1) is a likely typo.
  const auto distance = [](const std::string& a, const std::string& b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
      std::size_t diagonal = row[0];
      row[0] = i;
      for (std::size_t j = 1; j <= b.size(); ++j) {
        const std::size_t up = row[j];
        row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
        diagonal = up;
      }
    }
    return row[b.size()];
  };
  std::string best;
  std::size_t best_distance = std::max<std::size_t>(1, word.size() / 3) + 1;
  for (const std::string& n : names) {
    const std::size_t d = distance(word, n);
    if (d < best_distance) {
      best = n;
      best_distance = d;
    }
  }
  return best.empty() ? "" : fmt::format(" (did you mean '{}'?)", best);
}

MapReader::MapReader(const std::string& file, const YAML::Node& map, std::string context,
                     const std::string& what, const std::string& example)
    : file_(file), mark_(map.Mark()), context_(std::move(context)) {
  if (!map.IsMap())
    fail(file_, mark_,
         fmt::format("{}{} is {}; expected a map such as {}", context_, what, describe(map), example));
  for (const auto& kv : map) {
    const YAML::Mark mark = kv.first.Mark();
    if (!kv.first.IsScalar()) fail(file_, mark, context_ + "a key must be a plain name, not a list or a map");
    const std::string& key = kv.first.Scalar();
    for (const Entry& e : entries_) {
      if (e.key == key) {
        fail(file_, mark,
             fmt::format("{}key '{}' appears twice (also on line {}); each key may appear once", context_,
                         key, e.mark.line + 1));
      }
    }
    entries_.push_back(Entry{key, kv.second, mark});
  }
}

void MapReader::check_keys(const std::vector<std::string>& allowed, const std::string& for_what) const {
  for (const Entry& e : entries_) {
    bool ok = false;
    for (const std::string& a : allowed) ok = ok || a == e.key;
    if (!ok) {
      fail(file_, e.mark,
           fmt::format("{}unknown key '{}'{}; allowed{}: {}", context_, e.key, did_you_mean(e.key, allowed),
                       for_what.empty() ? "" : " " + for_what, fmt::join(allowed, ", ")));
    }
  }
}

const YAML::Node* MapReader::find(const std::string& key) const {
  for (const Entry& e : entries_) {
    if (e.key == key) return &e.value;
  }
  return nullptr;
}

const MapReader::Entry& MapReader::entry(const std::string& key) const {
  for (const Entry& e : entries_) {
    if (e.key == key) return e;
  }
  fail_here(fmt::format("key '{}' is missing", key));
}

const YAML::Mark& MapReader::mark_of(const std::string& key) const {
  return entry(key).mark;
}

void MapReader::fail_key(const std::string& key, const std::string& detail) const {
  const YAML::Mark mark = has(key) ? mark_of(key) : mark_;
  fail(file_, mark, fmt::format("{}key '{}': {}", context_, key, detail));
}

void MapReader::fail_here(const std::string& detail) const {
  fail(file_, mark_, context_ + detail);
}

int MapReader::integer(const std::string& key, int min, std::optional<int> fallback) const {
  const std::string expected = fmt::format("expected an integer from {} to {}", min, kMaxSize);
  if (!has(key)) {
    if (fallback) return *fallback;
    fail_here(fmt::format("key '{}' is missing; {}", key, expected));
  }
  const YAML::Node& v = entry(key).value;
  if (!v.IsScalar()) fail_key(key, fmt::format("found {}; {}", describe(v), expected));
  const std::string& s = v.Scalar();
  long long value = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (s.empty() || ec == std::errc::invalid_argument || end != s.data() + s.size()) {
    fail_key(key, fmt::format("'{}' is not an integer; {}", s, expected));
  }
  if (ec == std::errc::result_out_of_range || value < min || value > kMaxSize) {
    fail_key(key, fmt::format("{} is out of range; {}", s, expected));
  }
  return static_cast<int>(value);
}

double MapReader::number(const std::string& key, double fallback) const {
  if (!has(key)) return fallback;
  const YAML::Node& v = entry(key).value;
  const char* expected = "expected a number above 0";
  if (!v.IsScalar()) fail_key(key, fmt::format("found {}; {}", describe(v), expected));
  const std::string& s = v.Scalar();
  char* end = nullptr;
  const double value = std::strtod(s.c_str(), &end);
  if (s.empty() || end != s.c_str() + s.size())
    fail_key(key, fmt::format("'{}' is not a number; {}", s, expected));
  if (!std::isfinite(value) || value <= 0) fail_key(key, fmt::format("{} is out of range; {}", s, expected));
  return value;
}

std::string MapReader::text(const std::string& key, std::optional<std::string> fallback) const {
  if (!has(key)) {
    if (fallback) return *fallback;
    fail_here(fmt::format("key '{}' is missing", key));
  }
  const YAML::Node& v = entry(key).value;
  if (!v.IsScalar() || v.Scalar().empty())
    fail_key(key, fmt::format("found {}; expected a name", describe(v)));
  return v.Scalar();
}

std::vector<std::string> MapReader::texts(const std::string& key) const {
  const YAML::Node& v = entry(key).value;
  if (v.IsScalar() && !v.Scalar().empty()) return {v.Scalar()};
  std::vector<std::string> out;
  if (v.IsSequence()) {
    for (const auto& item : v) {
      if (!item.IsScalar() || item.Scalar().empty()) {
        fail_key(key, fmt::format("an entry is {}; expected layer names", describe(item)));
      }
      out.push_back(item.Scalar());
    }
    if (!out.empty()) return out;
  }
  fail_key(key, fmt::format("found {}; expected a layer name or a list of layer names", describe(v)));
}

}  // namespace systolica::yaml_import
