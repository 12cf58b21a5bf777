#include "sim/sweep/signal_wait.h"

#include <pthread.h>

#include <initializer_list>

namespace systolica::sweep {

SignalWait::SignalWait() {
  sigemptyset(&waited_);
  for (int s : {SIGCHLD, SIGINT, SIGTERM, SIGHUP}) sigaddset(&waited_, s);
  pthread_sigmask(SIG_BLOCK, &waited_, &previous_);
}

SignalWait::~SignalWait() {
  // A SIGCHLD left pending would be ignored on unblocking anyway; take it so nothing is left over.
  sigset_t chld;
  sigemptyset(&chld);
  sigaddset(&chld, SIGCHLD);
  const timespec zero{0, 0};
  while (sigtimedwait(&chld, nullptr, &zero) > 0) {
  }
  pthread_sigmask(SIG_SETMASK, &previous_, nullptr);
}

int SignalWait::wait(std::chrono::milliseconds timeout) {
  const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(timeout).count();
  const timespec ts{static_cast<time_t>(ns / 1000000000), static_cast<long>(ns % 1000000000)};
  const int s = sigtimedwait(&waited_, nullptr, &ts);
  return s > 0 ? s : 0;  // EAGAIN (timeout) or EINTR (another signal): nothing to report
}

}  // namespace systolica::sweep
