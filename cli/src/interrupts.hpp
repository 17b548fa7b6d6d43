#pragma once
// Ctrl-C handling for commands that run until interrupted (attached `up`): SIGINT and SIGTERM are
// blocked and received by a thread with sigwait, so the reaction (request a stop, kill the
// containers) is ordinary code on an ordinary thread, never work inside a signal handler.
#include <atomic>
#include <functional>
#include <thread>

namespace stackctl::cli {

class interrupt_watcher {
 public:
  // Blocks SIGINT/SIGTERM in the calling thread — so construct it before starting other threads,
  // which inherit the mask — and calls `on_signal(n)` on the watcher thread for the n-th signal.
  explicit interrupt_watcher(std::function<void(int count)> on_signal);
  ~interrupt_watcher();  // stops the thread and restores the signal mask
  interrupt_watcher(const interrupt_watcher&) = delete;
  interrupt_watcher& operator=(const interrupt_watcher&) = delete;

  int count() const { return count_.load(); }

 private:
  std::function<void(int)> on_signal_;
  std::atomic<int> count_{0};
  std::thread thread_;
};

}  // namespace stackctl::cli
