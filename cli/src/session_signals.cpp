#include "session_signals.hpp"

#include <pthread.h>

namespace stackctl::cli {

session_signals::session_signals(std::initializer_list<int> watched, std::function<void(int)> on_signal)
    : on_signal_(std::move(on_signal)) {
  sigemptyset(&set_);
  for (int s : watched) sigaddset(&set_, s);
  sigaddset(&set_, SIGWINCH);
  sigaddset(&set_, SIGUSR1);  // ends the thread
  pthread_sigmask(SIG_BLOCK, &set_, &previous_);
  thread_ = std::thread([this] {
    for (;;) {
      int sig = 0;
      if (sigwait(&set_, &sig) != 0) continue;
      if (sig == SIGUSR1) return;
      std::lock_guard lock(mutex_);
      if (sig == SIGWINCH) {
        if (on_resize_) on_resize_();
        continue;
      }
      last_ = sig;
      if (on_signal_) on_signal_(sig);
    }
  });
}

session_signals::~session_signals() {
  pthread_kill(thread_.native_handle(), SIGUSR1);
  thread_.join();
  pthread_sigmask(SIG_SETMASK, &previous_, nullptr);
}

void session_signals::set_resize(std::function<void()> f) {
  std::lock_guard lock(mutex_);
  on_resize_ = std::move(f);
}

void session_signals::set_on_signal(std::function<void(int)> f) {
  std::lock_guard lock(mutex_);
  on_signal_ = std::move(f);
}

}  // namespace stackctl::cli
