#pragma once
// Runs a shell command for end-to-end tests and captures what a user would see.
#include <string>

namespace systolica::test {

struct CommandResult {
  int exit_status = -1;  // the process's exit code, or -1 if it did not exit normally (signal)
  std::string out;       // stdout
  std::string err;       // stderr
};

CommandResult run_command(const std::string& command);

// The systolica binary under test and the repository root, from the build.
std::string systolica_bin();
std::string source_dir();

}  // namespace systolica::test
