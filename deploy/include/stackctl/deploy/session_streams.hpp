#pragma once
// The caller's side of an interactive session (exec, run): where the program's input comes from,
// where its output goes, and — once it runs — the controls of its terminal and process. The
// local terminal (raw mode, signals) stays the caller's.
#include <functional>
#include <string_view>

namespace stackctl::deploy {

struct session_control {
  std::function<void(int height, int width)> resize;  // the program's TTY size in characters
  // The signal (a number) sent to the program's container (run); unset for exec, whose command
  // the engine cannot signal.
  std::function<void(int signal)> send_signal;
};

struct session_streams {
  int input_fd = -1;                          // read until its end, then the program's stdin is closed; -1: no input
  std::function<void(std::string_view)> out;  // stdout (everything, with a TTY)
  std::function<void(std::string_view)> err;  // stderr
  // Called once the program runs (on the calling thread); the controls stay valid until the
  // session's function returns.
  std::function<void(const session_control&)> on_started;
};

}  // namespace stackctl::deploy
