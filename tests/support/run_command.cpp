#include "tests/support/run_command.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace systolica::test {

namespace {
std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}
}  // namespace

CommandResult run_command(const std::string& command) {
  char out_tmpl[] = "/tmp/systolica-test-out-XXXXXX";
  char err_tmpl[] = "/tmp/systolica-test-err-XXXXXX";
  const int out_fd = mkstemp(out_tmpl);
  const int err_fd = mkstemp(err_tmpl);
  if (out_fd < 0 || err_fd < 0) throw std::runtime_error("run_command: cannot create temporary files");
  close(out_fd);
  close(err_fd);
  const std::string full = "(" + command + ") </dev/null >" + out_tmpl + " 2>" + err_tmpl;
  const int status = std::system(full.c_str());
  CommandResult r;
  r.exit_status = (status != -1 && WIFEXITED(status)) ? WEXITSTATUS(status) : -1;
  r.out = slurp(out_tmpl);
  r.err = slurp(err_tmpl);
  std::remove(out_tmpl);
  std::remove(err_tmpl);
  return r;
}

std::string systolica_bin() { return SYSTOLICA_BIN; }
std::string source_dir() { return SYSTOLICA_SOURCE_DIR; }

}  // namespace systolica::test
