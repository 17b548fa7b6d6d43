#pragma once
// The local terminal for interactive commands (`exec` with a TTY): raw mode while the session
// runs, restored on every way out, and its size in characters.
#include <termios.h>

#include <optional>
#include <utility>

namespace stackctl::cli {

// Puts `fd` in raw mode (no echo, no line editing, no signals from ^C: those bytes go to the
// container) and restores the saved settings when destroyed. Does nothing when `fd` is no TTY.
class raw_terminal {
 public:
  explicit raw_terminal(int fd);
  ~raw_terminal();
  raw_terminal(const raw_terminal&) = delete;
  raw_terminal& operator=(const raw_terminal&) = delete;

 private:
  int fd_;
  std::optional<termios> saved_;
};

// Rows and columns of the terminal on `fd`, or nullopt when it is none.
std::optional<std::pair<int, int>> terminal_size(int fd);

}  // namespace stackctl::cli
