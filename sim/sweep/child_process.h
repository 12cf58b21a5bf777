#pragma once
// One child process per point. Each point runs in a process of its own because SystemC elaborates a model
// once per process, and so that a point that crashes cannot take the sweep or the other points with it.
#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace systolica::sweep {

// Starts argv[0] with `argv`, stdin and stdout on /dev/null and stderr into `stderr_file`. The child
// starts with no signals blocked (the sweep blocks the ones it waits for) and is killed if the sweep dies,
// even by SIGKILL, so that no orphan keeps writing into a point's directory that a resumed sweep reuses.
// Throws std::runtime_error if the process cannot be started.
pid_t start_child(const std::vector<std::string>& argv, const std::filesystem::path& stderr_file);

// How a finished child ended.
struct ChildExit {
  bool exited = false;  // exited normally, with `status`; otherwise killed by `signal`
  int status = 0;
  int signal = 0;

  bool success() const { return exited && status == 0; }
  std::string describe() const;  // "exited with status 2", "killed by signal 11 (Segmentation fault)"
};

// The child's exit if it has finished (reaping it), nothing if it is still running.
std::optional<ChildExit> poll_child(pid_t pid);
// Waits for the child to finish and reaps it.
ChildExit wait_child(pid_t pid);

// The last non-empty line of a child's stderr, without the "systolica: error: " every message of the
// command line starts with; empty if there is none.
std::string last_error_line(const std::filesystem::path& stderr_file);

}  // namespace systolica::sweep
