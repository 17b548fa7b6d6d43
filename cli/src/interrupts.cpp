#include "interrupts.hpp"

#include <pthread.h>
#include <signal.h>  // NOLINT(modernize-deprecated-headers): POSIX sigset_t/sigwait, not in <csignal>

namespace stackctl::cli {

namespace {

// SIGUSR1 only wakes the watcher to end it.
sigset_t watched() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGUSR1);
  return set;
}

}  // namespace

interrupt_watcher::interrupt_watcher(std::function<void(int)> on_signal) : on_signal_(std::move(on_signal)) {
  const sigset_t set = watched();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  thread_ = std::thread([this] {
    const sigset_t wait_set = watched();
    for (;;) {
      int sig = 0;
      if (sigwait(&wait_set, &sig) != 0) continue;
      if (sig == SIGUSR1) return;
      on_signal_(++count_);
    }
  });
}

interrupt_watcher::~interrupt_watcher() {
  pthread_kill(thread_.native_handle(), SIGUSR1);
  thread_.join();
  const sigset_t set = watched();
  pthread_sigmask(SIG_UNBLOCK, &set, nullptr);
}

}  // namespace stackctl::cli
