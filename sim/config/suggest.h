#pragma once
// "did you mean array.rows?" for a key that is not in the schema.
#include <string>
#include <string_view>

namespace systolica::config {

// The nearest known key or section to `key`, or "" if nothing is close enough to be a likely typo.
std::string nearest_key(std::string_view key);

// The detail of an unknown-key error: a suggestion, or else the keys that exist where it was written.
std::string unknown_key_detail(std::string_view key);

}  // namespace systolica::config
