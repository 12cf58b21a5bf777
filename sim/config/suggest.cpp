#include "sim/config/suggest.h"

#include <algorithm>
#include <cctype>
#include <vector>

#include "sim/config/mapping_pins.h"
#include "sim/config/schema.h"

namespace systolica::config {

namespace {

// Case-insensitive edit distance (insert, delete, substitute, swap of neighbours).
std::size_t distance(std::string_view a, std::string_view b) {
  auto eq = [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
  };
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) {
    d[i][0] = i;
  }
  for (std::size_t j = 0; j <= b.size(); ++j) {
    d[0][j] = j;
  }
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      d[i][j] =
          std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (eq(a[i - 1], b[j - 1]) ? 0 : 1)});
      if (i > 1 && j > 1 && eq(a[i - 1], b[j - 2]) && eq(a[i - 2], b[j - 1])) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

std::string_view last_segment(std::string_view key) {
  const auto dot = key.rfind('.');
  return dot == std::string_view::npos ? key : key.substr(dot + 1);
}

std::string_view parent_of(std::string_view key) {
  const auto dot = key.rfind('.');
  return dot == std::string_view::npos ? std::string_view() : key.substr(0, dot);
}

// Every leaf and every section, in schema order.
std::vector<std::string> known_names() {
  std::vector<std::string> names;
  for (const auto& spec : schema()) {
    std::string_view k = spec.key;
    for (auto dot = k.find('.'); dot != std::string_view::npos; dot = k.find('.', dot + 1)) {
      const std::string section(k.substr(0, dot));
      if (std::find(names.begin(), names.end(), section) == names.end()) {
        names.push_back(section);
      }
    }
    names.emplace_back(k);
  }
  return names;
}

// A typo, not a different word: "base" is not a misspelt "name", but "scratchpd" is "scratchpad".
std::size_t typo_limit(std::string_view word) {
  return std::max<std::size_t>(1, word.size() / 3) + 1;
}

}  // namespace

std::string nearest_word(std::string_view word, const std::vector<std::string_view>& candidates) {
  std::string_view best;
  std::size_t best_distance = typo_limit(word);
  for (std::string_view c : candidates) {
    const std::size_t d = distance(word, c);
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  return std::string(best);
}

std::string nearest_key(std::string_view key) {
  const auto names = known_names();
  std::vector<std::string_view> candidates(names.begin(), names.end());
  candidates.push_back(kMappingSection);  // not a schema key, but a typo of it is a typo all the same
  std::string best = nearest_word(key, candidates);
  if (!best.empty()) {
    return best;
  }
  // "rows" at the top level, or "clock.rows": the right leaf in the wrong section.
  for (const auto& name : names) {
    if (name != key && distance(last_segment(name), last_segment(key)) <= 1 && last_segment(key).size() > 2) {
      return name;
    }
  }
  return "";
}

std::string unknown_key_detail(std::string_view key) {
  const std::string near = nearest_key(key);
  if (!near.empty()) {
    return "unknown key; did you mean " + near + "?";
  }
  const std::string_view parent = parent_of(key);
  if (parent.empty()) {
    return "unknown key; top-level keys are " + children_of("") + ", " + std::string(kMappingSection) +
           ", include";
  }
  if (is_section(parent)) {
    return "unknown key; keys in " + std::string(parent) + " are " + children_of(parent);
  }
  return "unknown key; top-level keys are " + children_of("") + ", " + std::string(kMappingSection) +
         ", include";
}

}  // namespace systolica::config
