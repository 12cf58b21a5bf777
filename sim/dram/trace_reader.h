#pragma once
// Reads a DRAM trace: one request per line, "R|W 0xADDR [TIME_NS]" (r/w in either case; the address in
// hex with 0x or in decimal; the time in ns, fractions allowed). '#' starts a comment; blank lines are
// fine. Anything else is a TraceError whose message is one line naming file:line.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "arch/dram/trace_request.h"

namespace systolica::dram {

class TraceError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// `capacity` is the DRAM's size in bytes; an address at or beyond it is an error (0: no check).
// `describe_capacity` says what the capacity is made of, for that message ("8 GiB: DDR4-2400 ...").
std::vector<TraceRequest> read_trace(const std::string& path, std::uint64_t capacity,
                                     const std::string& describe_capacity = "");
std::vector<TraceRequest> parse_trace(std::string_view text, const std::string& name, std::uint64_t capacity,
                                      const std::string& describe_capacity = "");

}  // namespace systolica::dram
