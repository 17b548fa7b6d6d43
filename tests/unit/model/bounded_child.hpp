#pragma once
// Runs a piece of a test in a forked child with a deadline and a memory ceiling, so that an input
// that makes a parser loop forever or allocate without end fails the test (the child is killed)
// instead of hanging the run or exhausting the machine. No timing is asserted: the deadline only
// turns a hang into a failure.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <exception>
#include <functional>
#include <string>

namespace stackctl::model::testing {

struct child_limits {
  unsigned seconds = 10;                   // SIGALRM (default action: terminate) after this
  rlim_t address_space = rlim_t{1} << 30;  // 1 GiB: a runaway allocation throws bad_alloc
};

// What `body` returned in the child, or a description of how the child ended otherwise
// ("killed by signal 14" for the deadline). An exception escaping `body` is reported as
// "exception: <what>".
inline std::string in_bounded_child(const std::function<std::string()>& body, child_limits limits = {}) {
  int fds[2];
  if (::pipe(fds) != 0) return "pipe failed";
  const pid_t pid = ::fork();
  if (pid < 0) return "fork failed";
  if (pid == 0) {
    ::close(fds[0]);
    ::alarm(limits.seconds);
#ifndef __SANITIZE_ADDRESS__  // AddressSanitizer's shadow memory is far above any such ceiling
    const rlimit as{limits.address_space, limits.address_space};
    ::setrlimit(RLIMIT_AS, &as);
#endif
    std::string result;
    try {
      result = body();
    } catch (const std::exception& e) {
      result = std::string("exception: ") + e.what();
    }
    for (std::size_t done = 0; done < result.size();) {
      const auto n = ::write(fds[1], result.data() + done, result.size() - done);
      if (n <= 0) break;
      done += static_cast<std::size_t>(n);
    }
    ::_exit(0);  // no destructors, no gtest teardown in the child
  }
  ::close(fds[1]);
  std::string out;
  char buffer[4096];
  for (ssize_t n; (n = ::read(fds[0], buffer, sizeof buffer)) > 0;) out.append(buffer, static_cast<std::size_t>(n));
  ::close(fds[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) return "waitpid failed";
  if (WIFSIGNALED(status)) return "killed by signal " + std::to_string(WTERMSIG(status));
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return "child failed";
  return out;
}

}  // namespace stackctl::model::testing
