#pragma once
// A program run under a real pseudo-terminal (forkpty) of 40 rows and 100 columns, for the
// interactive commands' engine tests (exec, run): type keys, read the screen until a text shows,
// resize the window, take the exit code, check the terminal's settings were restored.
#include <poll.h>
#include <pty.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <string>
#include <vector>

namespace stackctl::testing {

class pty_session {
 public:
  explicit pty_session(const std::vector<std::string>& argv) {
    winsize size{};
    size.ws_row = 40;
    size.ws_col = 100;
    pid_ = ::forkpty(&master_, nullptr, nullptr, &size);
    if (pid_ == 0) {
      std::vector<char*> args;
      for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
      args.push_back(nullptr);
      ::execv(args[0], args.data());
      ::_exit(127);
    }
    ::tcgetattr(master_, &before_);
  }
  ~pty_session() {
    if (pid_ > 0 && status_ < 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
    if (master_ >= 0) ::close(master_);
  }
  pty_session(const pty_session&) = delete;
  pty_session& operator=(const pty_session&) = delete;

  // Reads until `text` has been seen (the real condition), or `timeout` passes. Returns what was read.
  std::string read_until(const std::string& text, std::chrono::milliseconds timeout = std::chrono::seconds(30)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (seen_.find(text) == std::string::npos && std::chrono::steady_clock::now() < deadline) {
      pollfd p{master_, POLLIN, 0};
      if (::poll(&p, 1, 200) <= 0) continue;
      char buffer[4096];
      const ssize_t n = ::read(master_, buffer, sizeof buffer);
      if (n <= 0) break;
      seen_.append(buffer, static_cast<std::size_t>(n));
    }
    return seen_;
  }
  // Types `keys` again each second until `text` shows (a resize reaches the container a moment
  // after the window changes: the command typed first may still see the old size). Up to 30 tries.
  bool type_until(const std::string& keys, const std::string& text) {
    for (int i = 0; i < 30; ++i) {
      type(keys);
      if (read_until(text, std::chrono::seconds(1)).find(text) != std::string::npos) return true;
    }
    return false;
  }
  void type(const std::string& keys) { [[maybe_unused]] auto ignored = ::write(master_, keys.data(), keys.size()); }
  void resize(int rows, int cols) {
    winsize size{};
    size.ws_row = static_cast<unsigned short>(rows);
    size.ws_col = static_cast<unsigned short>(cols);
    ::ioctl(master_, TIOCSWINSZ, &size);  // the kernel sends SIGWINCH to the session
  }
  int wait() {
    int status = 0;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (::waitpid(pid_, &status, WNOHANG) == 0) {
      read_until("\x01never");  // keep draining output while waiting
      if (std::chrono::steady_clock::now() > deadline) return -1;
    }
    status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return status_;
  }
  bool terminal_restored() const {
    termios after{};
    ::tcgetattr(master_, &after);
    return after.c_lflag == before_.c_lflag && after.c_iflag == before_.c_iflag && after.c_oflag == before_.c_oflag;
  }

 private:
  int master_ = -1;
  pid_t pid_ = -1;
  int status_ = -1;
  termios before_{};
  std::string seen_;
};

}  // namespace stackctl::testing
