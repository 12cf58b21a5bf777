#pragma once
// The config schema: one row per key. Parsing, range checks, --set, the resolved YAML dump and the
// `systolica config --keys` listing all read this one table, so a key is added in exactly one place.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "arch/arch_spec.h"

namespace systolica::config {

enum class Kind { Int, Size, Frequency, Time, Cycles, Fraction, Real, Enum, EnumList, String, Bool };

// One parsed leaf value; `kind` says which member is meaningful.
struct Value {
  std::uint64_t n = 0;            // Int, Size (bytes), Cycles; Bool (0 or 1)
  double x = 0;                   // Frequency (Hz), Time (ns), Fraction
  std::string text;               // Enum, String
  std::vector<std::string> list;  // EnumList
  bool is_auto = false;           // kAllowAuto keys written as "auto"
};

enum Flag : unsigned {
  kPowerOfTwo = 1u << 0,  // hardware indexes it with address bits
  kAllowAuto = 1u << 1,   // the word "auto" is accepted; it resolves from other keys after loading
  kAnyCase = 1u << 2,     // Enum: any capitalization is accepted and stored in the schema's spelling
  kFilePath = 1u << 3,    // String: a path; in a file it is relative to that file's directory
};

// How a key lands in ArchSpec. Captureless functions, so the table stays a plain constant.
struct Binding {
  void (*store)(ArchSpec&, const Value&);
  Value (*load)(const ArchSpec&);
};

struct KeySpec {
  std::string_view key;  // full path, e.g. "scratchpad.capacity"
  Kind kind;
  double lo, hi;  // inclusive range in the base unit (bytes, Hz, ns, cycles); unused for text
  std::vector<std::string_view> choices;  // Enum and EnumList
  std::string_view default_text;          // as a user would write it in YAML
  std::string_view description;
  unsigned flags;
  Binding bind;
};

// Every key, in the order the dump and the listing print them; a section's keys are contiguous.
const std::vector<KeySpec>& schema();
// Also finds a key by its alias ("scratchpad.size" for "scratchpad.capacity"); the result's `key` is
// always the canonical name, which is what assignments, dumps and messages use.
const KeySpec* find_key(std::string_view key);

// True if `key` names a map of keys ("array", "dram"), not a leaf.
bool is_section(std::string_view key);
// The direct children of a section ("" = top level), for messages: "rows, cols, dataflow, dataflows".
std::string children_of(std::string_view section);

// "1..1024", "1 MHz..10 GHz, ", "ws | os | is" ... for the listing and for "expected ..." in errors.
std::string allowed_text(const KeySpec& spec);
// What an error says is expected: "an integer in 1..1024", "a size in 1 B..4 GiB or auto".
std::string expected_text(const KeySpec& spec);
// The value as the dump writes it, with units: "256 KiB", "1 GHz", "[ws, os]".
std::string format_value(const KeySpec& spec, const Value& value);

}  // namespace systolica::config
