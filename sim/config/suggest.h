#pragma once
// "did you mean array.rows?" for a key that is not in the schema.
#include <string>
#include <string_view>
#include <vector>

namespace systolica::config {

// The nearest known key or section to `key`, or "" if nothing is close enough to be a likely typo.
std::string nearest_key(std::string_view key);

// The candidate nearest to `word` by edit distance (case-insensitive), or "" if none is close enough to be a
// likely typo. For names outside the schema, such as the fields of a mapping pin or a network's layers.
std::string nearest_word(std::string_view word, const std::vector<std::string_view>& candidates);

// The detail of an unknown-key error: a suggestion, or else the keys that exist where it was written.
std::string unknown_key_detail(std::string_view key);

}  // namespace systolica::config
