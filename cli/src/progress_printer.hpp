#pragma once
// Renders deploy::progress_event on stderr like compose: on a TTY one live line per resource under
// a "[+] Running n/m" title, redrawn in place with a spinner and elapsed time; otherwise plain
// lines ("Container demo-web-1  Started"), one per event.
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "stackctl/deploy/progress.hpp"

namespace stackctl::cli {

class progress_printer {
 public:
  // `live`: redraw in place (stderr is a TTY); `color`: ANSI colours on the status marks.
  progress_printer(std::FILE* out, bool live, bool color);
  // For stderr: live when it is a TTY, colour unless NO_COLOR.
  static bool stderr_is_tty();
  progress_printer();
  ~progress_printer();  // finish()
  progress_printer(const progress_printer&) = delete;
  progress_printer& operator=(const progress_printer&) = delete;

  // Thread-safe; the sink stays valid while the printer lives.
  deploy::progress_sink sink();
  void on_event(const deploy::progress_event& e);
  // Marks a resource that needs no work ("Running") unless something was already reported for it.
  void note_unchanged(const std::string& resource, const std::string& text);
  // Stops the live redraw and prints the final state (idempotent).
  void finish();

 private:
  struct line {
    std::string resource, text;
    deploy::progress_state state = deploy::progress_state::working;
    std::chrono::steady_clock::time_point started, ended;
  };
  void redraw_locked();
  void ticker();

  std::FILE* out_;
  bool live_, color_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false, finished_ = false;
  std::vector<line> lines_;
  std::size_t drawn_ = 0;  // lines printed by the previous redraw
  unsigned frame_ = 0;
  std::thread thread_;
};

}  // namespace stackctl::cli
