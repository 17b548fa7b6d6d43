#include "containers/exec_session.hpp"

#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <functional>
#include <thread>

#include "stackctl/deploy/deploy_error.hpp"
#include "stackctl/engine/error.hpp"
#include "stackctl/engine/streams/frame_decoder.hpp"

namespace stackctl::deploy::detail {

namespace {

// Copies `fd` into the stream until its end (then half-closes) or until `wake` is written.
void pump_input(int fd, int wake, engine::hijacked_stream& stream) {
  char buffer[32 * 1024];
  for (;;) {
    pollfd fds[2] = {{fd, POLLIN, 0}, {wake, POLLIN, 0}};
    if (::poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (fds[1].revents != 0) return;  // the session is over
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
    if (n <= 0) break;
    try {
      stream.write(std::string_view(buffer, static_cast<std::size_t>(n)));
    } catch (const engine::engine_error&) {
      return;  // the command ended while we wrote: its output and exit code say the rest
    }
  }
  stream.close_write();
}

// The exit code, once the daemon has recorded it (it may lag the end of the stream a little).
int exit_code_of(engine::exec_api& execs, const std::string& id) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  for (;;) {
    const auto r = execs.inspect(id);
    if (r.exit_code) return static_cast<int>(*r.exit_code);
    if (std::chrono::steady_clock::now() > deadline)
      throw deploy_error(deploy_error_kind::timeout, "the command's stream ended but the engine reports it running");
    std::this_thread::sleep_for(std::chrono::milliseconds(10));  // polling the real condition
  }
}

}  // namespace

int run_attached_exec(engine::exec_api& execs, const std::string& id, const engine::exec_create_options& create,
                      const exec_streams& streams, std::stop_token stop) {
  auto stream = execs.start_attached(id, create.tty);
  if (streams.on_started)
    streams.on_started([&](int height, int width) {
      if (height > 0 && width > 0) execs.resize(id, height, width);
    });

  // The input thread, woken through an eventfd when the output has ended.
  const bool pump = create.attach_stdin && streams.input_fd >= 0;
  const int wake = pump ? ::eventfd(0, EFD_CLOEXEC) : -1;
  std::thread input;
  if (pump) input = std::thread(pump_input, streams.input_fd, wake, std::ref(*stream));
  auto finish_input = [&] {
    if (input.joinable()) {
      const std::uint64_t one = 1;
      [[maybe_unused]] const auto ignored = ::write(wake, &one, sizeof one);
      input.join();
    }
    if (wake >= 0) ::close(wake);
  };

  try {
    engine::frame_decoder decoder([&](engine::output_stream s, std::string_view piece) {
      if (s == engine::output_stream::stderr_stream) {
        if (streams.err) streams.err(piece);
      } else if (streams.out) {
        streams.out(piece);
      }
    });
    char buffer[64 * 1024];
    for (;;) {
      const std::size_t n = stream->read(buffer, sizeof buffer, stop);
      if (n == 0) break;
      const std::string_view piece(buffer, n);
      if (create.tty) {
        if (streams.out) streams.out(piece);
      } else {
        decoder.feed(piece);
      }
    }
  } catch (...) {
    finish_input();
    throw;
  }
  finish_input();
  if (stop.stop_requested()) return -1;
  return exit_code_of(execs, id);
}

}  // namespace stackctl::deploy::detail
