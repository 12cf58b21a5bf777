#pragma once
// Helpers for the sweep tests: scratch directories, spec files, results.csv as a table, and the sweep
// started as a process of its own (to signal it mid-run).
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/run_command.h"

extern char** environ;

namespace systolica::test::sweep_test {

namespace fs = std::filesystem;

inline fs::path fresh_dir(const std::string& name) {
  const fs::path d =
      fs::temp_directory_path() / ("systolica-sweep-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

inline std::string tiny_layers() {
  return source_dir() + "/tests/data/networks/tiny_layers.yaml";
}

// A spec file in `dir` sweeping the tiny 11-layer network (tens of milliseconds a point) over `body`.
inline fs::path write_spec(const fs::path& dir, const std::string& body,
                           const std::string& file = "spec.yaml") {
  const fs::path p = dir / file;
  std::ofstream(p) << "layers: " << tiny_layers() << "\n" << body;
  return p;
}

inline std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// `systolica sweep ARGS`; --quiet is not added, so tests can count the per-point lines on stderr.
inline CommandResult sweep(const std::string& args) {
  return run_command(systolica_bin() + " sweep " + args);
}

using Row = std::vector<std::string>;

// RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks.
inline std::vector<Row> parse_csv(const std::string& text) {
  std::vector<Row> rows;
  Row row;
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row.push_back(field);
      field.clear();
    } else if (c == '\n') {
      row.push_back(field);
      field.clear();
      rows.push_back(row);
      row.clear();
    } else {
      field += c;
    }
  }
  return rows;
}

inline std::vector<Row> read_results(const fs::path& dir) {
  return parse_csv(slurp(dir / "results.csv"));
}

inline std::size_t column(const Row& header, const std::string& name) {
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (header[i] == name) return i;
  }
  return header.size();
}

inline std::size_t count_point_files(const fs::path& dir) {
  std::size_t n = 0;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir / "points", ec)) n += e.path().extension() == ".json";
  return n;
}

// The sweep as a child process of the test, so that the test can signal it.
class SweepProcess {
 public:
  explicit SweepProcess(const std::vector<std::string>& args) {
    std::vector<std::string> argv = {systolica_bin(), "sweep", "--quiet"};
    argv.insert(argv.end(), args.begin(), args.end());
    std::vector<char*> cargv;
    for (std::string& a : argv) cargv.push_back(a.data());
    cargv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    if (posix_spawn(&pid_, cargv[0], &actions, nullptr, cargv.data(), environ) != 0) pid_ = -1;
    posix_spawn_file_actions_destroy(&actions);
  }
  ~SweepProcess() {
    if (pid_ > 0 && !reaped_) {
      ::kill(pid_, SIGKILL);
      wait();
    }
  }
  pid_t pid() const { return pid_; }
  // The raw wait status.
  int wait() {
    int status = 0;
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
    reaped_ = true;
    return status;
  }

 private:
  pid_t pid_ = -1;
  bool reaped_ = false;
};

// Waits until `dir` holds at least `n` point files; false after `timeout`.
inline bool wait_for_points(const fs::path& dir, std::size_t n,
                            std::chrono::seconds timeout = std::chrono::seconds(60)) {
  const auto end = std::chrono::steady_clock::now() + timeout;
  while (count_point_files(dir) < n) {
    if (std::chrono::steady_clock::now() > end) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return true;
}

}  // namespace systolica::test::sweep_test
