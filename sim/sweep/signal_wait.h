#pragma once
// The sweep waits for its children and for the signals that stop it in one place: SIGCHLD, SIGINT,
// SIGTERM and SIGHUP are blocked while a sweep runs and taken with sigtimedwait, so a stop request is
// never lost between two checks and is handled in normal code, not in a signal handler.
#include <signal.h>

#include <chrono>

namespace systolica::sweep {

class SignalWait {
 public:
  SignalWait();   // blocks the signals (in the calling thread, which runs the sweep)
  ~SignalWait();  // restores the previous mask
  SignalWait(const SignalWait&) = delete;
  SignalWait& operator=(const SignalWait&) = delete;

  // The next of the signals, or 0 if none came within `timeout`. SIGCHLD means "a child may have
  // finished"; the others ask the sweep to stop.
  int wait(std::chrono::milliseconds timeout);

 private:
  sigset_t waited_;
  sigset_t previous_;
};

}  // namespace systolica::sweep
