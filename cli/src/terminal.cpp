#include "terminal.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

namespace stackctl::cli {

raw_terminal::raw_terminal(int fd) : fd_(fd) {
  termios current{};
  if (!::isatty(fd) || ::tcgetattr(fd, &current) != 0) return;
  saved_ = current;
  termios raw = current;
  ::cfmakeraw(&raw);
  ::tcsetattr(fd, TCSANOW, &raw);
}

raw_terminal::~raw_terminal() {
  if (saved_) ::tcsetattr(fd_, TCSANOW, &*saved_);
}

std::optional<std::pair<int, int>> terminal_size(int fd) {
  winsize size{};
  if (::ioctl(fd, TIOCGWINSZ, &size) != 0 || size.ws_row == 0 || size.ws_col == 0) return std::nullopt;
  return std::pair<int, int>{size.ws_row, size.ws_col};
}

}  // namespace stackctl::cli
