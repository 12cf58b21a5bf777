#include "sim/sweep/child_process.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fstream>
#include <stdexcept>

namespace systolica::sweep {

namespace {

// Only async-signal-safe calls between fork and exec: the parent may have other threads.
[[noreturn]] void exec_child(char* const* argv, int stderr_fd, int null_fd, pid_t parent) {
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (::getppid() != parent) ::_exit(127);  // the sweep died before prctl took effect
  ::dup2(null_fd, STDIN_FILENO);
  ::dup2(null_fd, STDOUT_FILENO);
  ::dup2(stderr_fd, STDERR_FILENO);
  sigset_t none;
  sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);
  ::execv(argv[0], argv);
  ::_exit(127);
}

}  // namespace

pid_t start_child(const std::vector<std::string>& argv, const std::filesystem::path& stderr_file) {
  std::vector<char*> args;
  args.reserve(argv.size() + 1);
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  const int err_fd = ::open(stderr_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (err_fd < 0) {
    throw std::runtime_error(fmt::format("cannot write {}: {}", stderr_file.string(), std::strerror(errno)));
  }
  const int null_fd = ::open("/dev/null", O_RDWR | O_CLOEXEC);
  const pid_t parent = ::getpid();
  const pid_t pid = null_fd < 0 ? -1 : ::fork();
  if (pid == 0) exec_child(args.data(), err_fd, null_fd, parent);
  const int error = errno;
  ::close(err_fd);
  if (null_fd >= 0) ::close(null_fd);
  if (pid < 0) throw std::runtime_error(fmt::format("cannot start {}: {}", argv[0], std::strerror(error)));
  return pid;
}

std::string ChildExit::describe() const {
  if (exited) return fmt::format("exited with status {}", status);
  return fmt::format("killed by signal {} ({})", signal, strsignal(signal));
}

namespace {
ChildExit decode(int wstatus) {
  ChildExit e;
  e.exited = WIFEXITED(wstatus);
  e.status = e.exited ? WEXITSTATUS(wstatus) : 0;
  e.signal = WIFSIGNALED(wstatus) ? WTERMSIG(wstatus) : 0;
  return e;
}
}  // namespace

std::optional<ChildExit> poll_child(pid_t pid) {
  int wstatus = 0;
  pid_t r;
  do {
    r = ::waitpid(pid, &wstatus, WNOHANG);
  } while (r < 0 && errno == EINTR);
  if (r == 0) return std::nullopt;
  if (r < 0) return ChildExit{false, 0, SIGKILL};  // not our child any more: treat it as lost
  return decode(wstatus);
}

ChildExit wait_child(pid_t pid) {
  int wstatus = 0;
  pid_t r;
  do {
    r = ::waitpid(pid, &wstatus, 0);
  } while (r < 0 && errno == EINTR);
  if (r < 0) return ChildExit{false, 0, SIGKILL};
  return decode(wstatus);
}

std::string last_error_line(const std::filesystem::path& stderr_file) {
  std::ifstream in(stderr_file, std::ios::binary);
  std::string line, last;
  while (std::getline(in, line)) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
      line.pop_back();
    if (!line.empty()) last = line;
  }
  constexpr std::string_view kPrefix = "systolica: error: ";
  if (last.rfind(kPrefix, 0) == 0) last.erase(0, kPrefix.size());
  return last;
}

}  // namespace systolica::sweep
