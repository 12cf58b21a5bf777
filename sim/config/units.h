#pragma once
// Quantities a config may spell with units. The parsers take the text of one YAML scalar and either
// return the value in the base unit or throw UnitError saying what is wrong with it ("uses the ambiguous
// unit 'KB'..."); the loader adds the file, line and key. The formatters print the shortest text that
// the matching parser reads back to exactly the same value, so a dumped config round-trips.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace systolica::config {

class UnitError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

// A non-negative decimal integer: "16". No sign, no fraction, no hex.
std::uint64_t parse_count(std::string_view text);
// Bytes. A plain integer is bytes; units B, KiB, MiB, GiB with or without a space ("256 KiB",
// "64KiB", "1.5 MiB" if that is a whole number of bytes). KB, MB, GB, kB are refused as ambiguous.
std::uint64_t parse_size(std::string_view text);
// Hz. Units Hz, kHz, MHz, GHz; a plain number is Hz.
double parse_frequency(std::string_view text);
// Nanoseconds. Units ps, ns, us, ms, s; a unit is required (a bare number could be anything).
double parse_time_ns(std::string_view text);
// Cycles of the key's clock domain: "10" or "10 cycles" ("1 cycle").
std::uint64_t parse_cycles(std::string_view text);
// A fraction in 0..1: "0.75" or "75%".
double parse_fraction(std::string_view text);
// A non-negative decimal number without a unit: "0.088", "1e-3".
double parse_real(std::string_view text);

std::string format_size(std::uint64_t bytes);  // "256 KiB", "48 B", "0 B"
std::string format_frequency(double hz);       // "1 GHz", "1.5 GHz", "800 MHz"
std::string format_time_ns(double ns);         // "50 ns", "1.5 us"
std::string format_cycles(std::uint64_t n);    // "1 cycle", "10 cycles"
std::string format_real(double x);             // shortest text that reads back exactly: "0.75"

}  // namespace systolica::config
