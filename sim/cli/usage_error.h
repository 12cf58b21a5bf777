#pragma once
// A mistake in what the user asked for on the command line or in an input file. The command line prints
// it as one line and exits with status 2, like a config error.
#include <stdexcept>

namespace systolica {

class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace systolica
