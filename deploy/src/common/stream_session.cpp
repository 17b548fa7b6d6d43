#include "common/stream_session.hpp"

#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdint>
#include <thread>

#include <fmt/format.h>

#include "stackctl/deploy/deploy_error.hpp"
#include "stackctl/engine/error.hpp"
#include "stackctl/engine/streams/frame_decoder.hpp"

namespace stackctl::deploy::detail {
namespace {

// Follows the input for the detach sequence across reads.
class detach_watch {
 public:
  explicit detach_watch(std::string_view sequence) : sequence_(sequence) {}
  // The offset just past the sequence's last byte in `piece`, or npos while it is incomplete.
  std::size_t find_end(std::string_view piece) {
    if (sequence_.empty()) return std::string_view::npos;
    for (std::size_t i = 0; i < piece.size(); ++i) {
      if (piece[i] == sequence_[matched_]) {
        if (++matched_ == sequence_.size()) return i + 1;
      } else {
        matched_ = piece[i] == sequence_[0] ? 1 : 0;
      }
    }
    return std::string_view::npos;
  }

 private:
  std::string_view sequence_;
  std::size_t matched_ = 0;
};

// Copies `fd` into the stream until its end (then half-closes), until `wake` is written, or until
// the detach sequence went out (`detached` set before its last byte is sent).
void pump_input(int fd, int wake, engine::hijacked_stream& stream, std::string_view detach_sequence,
                std::atomic<bool>& detached) {
  char buffer[32 * 1024];
  detach_watch watch(detach_sequence);
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
    std::string_view piece(buffer, static_cast<std::size_t>(n));
    const std::size_t end = watch.find_end(piece);
    try {
      if (end != std::string_view::npos) {
        stream.write(piece.substr(0, end - 1));
        detached = true;
        stream.write(piece.substr(end - 1, 1));
        return;  // the daemon detaches and closes the stream
      }
      stream.write(piece);
    } catch (const engine::engine_error&) {
      return;  // the program ended while we wrote: its output and exit code say the rest
    }
  }
  try {
    stream.close_write();
  } catch (const engine::engine_error&) {
    // the stream is already gone: nothing left to end
  }
}

}  // namespace

session_end pump_session(engine::hijacked_stream& stream, bool tty, const session_io& io, std::stop_token stop) {
  std::atomic<bool> detached{false};
  // The input thread, woken through an eventfd when the output has ended.
  const int wake = ::eventfd(0, EFD_CLOEXEC);
  std::thread input;
  if (io.input_fd >= 0)
    input = std::thread(pump_input, io.input_fd, wake, std::ref(stream), std::string_view(io.detach_sequence),
                        std::ref(detached));
  auto finish_input = [&] {
    if (input.joinable()) {
      const std::uint64_t one = 1;
      [[maybe_unused]] const auto ignored = ::write(wake, &one, sizeof one);
      input.join();
    }
    ::close(wake);
  };

  try {
    engine::frame_decoder decoder([&](engine::output_stream s, std::string_view piece) {
      if (s == engine::output_stream::stderr_stream) {
        if (io.err) io.err(piece);
      } else if (io.out) {
        io.out(piece);
      }
    });
    char buffer[64 * 1024];
    for (;;) {
      const std::size_t n = stream.read(buffer, sizeof buffer, stop);
      if (n == 0) break;
      const std::string_view piece(buffer, n);
      if (tty) {
        if (io.out) io.out(piece);
      } else {
        decoder.feed(piece);
      }
    }
  } catch (...) {
    finish_input();
    throw;
  }
  finish_input();
  if (stop.stop_requested()) return session_end::stopped;
  return detached ? session_end::detached : session_end::output_ended;
}

std::string detach_sequence_of(std::string_view keys) {
  std::string out;
  std::size_t start = 0;
  while (start <= keys.size()) {
    const auto comma = keys.find(',', start);
    const auto entry = keys.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    if (entry.size() == 1) {
      out += entry[0];
    } else if (entry.size() == 6 && entry.substr(0, 5) == "ctrl-") {
      const char c = entry[5];
      if (c >= 'a' && c <= 'z') out += static_cast<char>(c - 'a' + 1);
      else if (c == '@' || (c >= '[' && c <= '_')) out += static_cast<char>(c - '@');
      else throw deploy_error(deploy_error_kind::invalid, fmt::format("invalid detach key \"{}\"", entry));
    } else {
      throw deploy_error(deploy_error_kind::invalid, fmt::format("invalid detach key \"{}\"", entry));
    }
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return out;
}

}  // namespace stackctl::deploy::detail
