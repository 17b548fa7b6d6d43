#pragma once
// Signals during an interactive session (exec, run): blocked and received by a thread with
// sigwait (never work in a handler). SIGWINCH calls the resize function; each of the watched
// signals calls `on_signal` — exec ends its session on SIGTERM/SIGHUP, run forwards them to the
// container as compose does.
#include <atomic>
#include <csignal>
#include <functional>
#include <initializer_list>
#include <mutex>
#include <thread>

namespace stackctl::cli {

class session_signals {
 public:
  // Construct it before starting other threads: they inherit the blocked mask.
  session_signals(std::initializer_list<int> watched, std::function<void(int)> on_signal);
  ~session_signals();  // stops the thread and restores the signal mask
  session_signals(const session_signals&) = delete;
  session_signals& operator=(const session_signals&) = delete;

  void set_resize(std::function<void()> f);
  void set_on_signal(std::function<void(int)> f);
  int last_signal() const { return last_.load(); }  // 0 while none came

 private:
  sigset_t set_{};
  sigset_t previous_{};
  std::mutex mutex_;
  std::function<void()> on_resize_;
  std::function<void(int)> on_signal_;
  std::atomic<int> last_{0};
  std::thread thread_;
};

}  // namespace stackctl::cli
