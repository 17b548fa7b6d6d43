#include "transport/unix_socket_transport.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/un.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <optional>
#include <stop_token>
#include <string_view>
#include <utility>

#include <fmt/format.h>

#include "stackctl/engine/client_version.hpp"
#include "stackctl/engine/error.hpp"
#include "transport/connection_errors.hpp"

namespace stackctl::engine::detail {

namespace {

using clock = std::chrono::steady_clock;

constexpr std::size_t kMaxIdleConnections = 8;
constexpr std::size_t kMaxHeadBytes = 1 << 20;
constexpr std::size_t kReadSize = std::size_t{64} * 1024;

// Why an exchange ended early. perform() turns it into `cancelled`, a retry or an engine_error.
struct exchange_failure {
  enum class reason { closed, timeout, cancelled, failed };
  reason why;
  std::string detail;
};

exchange_failure os_failure(int err) {
  const bool closed = err == EPIPE || err == ECONNRESET;
  return {closed ? exchange_failure::reason::closed : exchange_failure::reason::failed, std::strerror(err)};
}

// Waits for a socket to be ready, bounded by the request's deadline and woken by its stop token
// (an eventfd the stop callback writes to, so a stop from another thread ends a blocked poll).
class io_waiter {
 public:
  io_waiter(std::optional<clock::time_point> deadline, const std::stop_token& stop) : deadline_(deadline) {
    if (!stop.stop_possible()) return;
    wake_ = unique_fd(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK));
    if (!wake_) throw exchange_failure{exchange_failure::reason::failed, std::strerror(errno)};
    on_stop_.emplace(stop, wake_on_stop{wake_.get()});
  }

  void wait(int fd, short events) const {
    for (;;) {
      int timeout_ms = -1;
      if (deadline_) {
        const auto left = std::chrono::ceil<std::chrono::milliseconds>(*deadline_ - clock::now()).count();
        if (left <= 0) throw exchange_failure{exchange_failure::reason::timeout, {}};
        timeout_ms = static_cast<int>(std::min<long long>(left, 1 << 30));
      }
      pollfd fds[2] = {{fd, events, 0}, {wake_.get(), POLLIN, 0}};
      const int n = ::poll(fds, wake_ ? 2 : 1, timeout_ms);
      if (n < 0) {
        if (errno == EINTR) continue;
        throw os_failure(errno);
      }
      if (wake_ && (fds[1].revents & POLLIN) != 0) throw exchange_failure{exchange_failure::reason::cancelled, {}};
      if (n > 0 && fds[0].revents != 0) return;  // ready, or hung up: the next read/write says which
    }
  }

 private:
  struct wake_on_stop {
    int fd;
    void operator()() const noexcept {
      const std::uint64_t one = 1;
      [[maybe_unused]] const auto ignored = ::write(fd, &one, sizeof one);
    }
  };

  std::optional<clock::time_point> deadline_;
  unique_fd wake_;
  std::optional<std::stop_callback<wake_on_stop>> on_stop_;  // declared after wake_: unregistered first
};

void send_all(int fd, const io_waiter& waiter, std::string_view data, std::size_t& written) {
  while (!data.empty()) {
    const ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (n >= 0) {
      data.remove_prefix(static_cast<std::size_t>(n));
      written += static_cast<std::size_t>(n);
      continue;
    }
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK) {
      waiter.wait(fd, POLLOUT);
      continue;
    }
    throw os_failure(errno);
  }
}

// Buffered reads from the socket.
class socket_reader {
 public:
  socket_reader(int fd, const io_waiter& waiter) : fd_(fd), waiter_(waiter) {}

  std::string_view available() const { return std::string_view(buffer_).substr(pos_); }
  std::string take_available() {
    std::string rest(available());
    buffer_.clear();
    pos_ = 0;
    return rest;
  }
  void consume(std::size_t n) { pos_ += n; }
  std::size_t received() const { return received_; }

  // Reads what the socket has (waiting for at least one byte); false at the end of the stream.
  bool fill() {
    if (pos_ == buffer_.size()) {
      buffer_.clear();
      pos_ = 0;
    } else if (pos_ > kReadSize) {
      buffer_.erase(0, pos_);
      pos_ = 0;
    }
    for (;;) {
      const std::size_t old = buffer_.size();
      buffer_.resize(old + kReadSize);
      const ssize_t n = ::recv(fd_, buffer_.data() + old, kReadSize, 0);
      buffer_.resize(old + static_cast<std::size_t>(std::max<ssize_t>(n, 0)));
      if (n > 0) {
        received_ += static_cast<std::size_t>(n);
        return true;
      }
      if (n == 0) return false;
      if (errno == EINTR) continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK) {
        waiter_.wait(fd_, POLLIN);
        continue;
      }
      throw os_failure(errno);
    }
  }

  // One line without its CRLF (or LF). The stream ending first means the reply was cut short.
  std::string line() {
    for (;;) {
      const auto text = available();
      if (const auto end = text.find('\n'); end != std::string_view::npos) {
        std::string out(text.substr(0, end));
        if (!out.empty() && out.back() == '\r') out.pop_back();
        consume(end + 1);
        return out;
      }
      if (text.size() > kMaxHeadBytes)
        throw exchange_failure{exchange_failure::reason::failed, "the reply's header is too long"};
      if (!fill()) throw exchange_failure{exchange_failure::reason::closed, "the daemon closed the connection"};
    }
  }

 private:
  int fd_;
  const io_waiter& waiter_;
  std::string buffer_;
  std::size_t pos_ = 0;
  std::size_t received_ = 0;
};

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// Reads the status line and headers into `response`, skipping interim 1xx replies. Returns
// whether the server speaks HTTP/1.0 (no keep-alive then).
bool read_head(socket_reader& reader, http_response& response) {
  for (;;) {
    response.headers.clear();
    const std::string status_line = reader.line();
    if (status_line.rfind("HTTP/1.", 0) != 0 || status_line.size() < 12)
      throw exchange_failure{exchange_failure::reason::failed, fmt::format("not an HTTP reply: \"{}\"", status_line)};
    long status = 0;
    const char* code = status_line.data() + 9;
    if (std::from_chars(code, code + 3, status).ec != std::errc())
      throw exchange_failure{exchange_failure::reason::failed, fmt::format("bad status line \"{}\"", status_line)};
    for (std::string line = reader.line(); !line.empty(); line = reader.line()) response.add_header_line(line);
    response.status = status;
    if (status >= 100 && status < 200) continue;  // "100 Continue" and friends: the real reply follows
    return status_line.compare(0, 8, "HTTP/1.0") == 0;
  }
}

// Hands the pieces of one reply's body to deliver_body (http_message.hpp).
struct body_sink {
  const http_request& request;
  http_response& response;
  void operator()(std::string_view piece) const { deliver_body(request, response, piece); }
};

[[noreturn]] void cut_short() {
  throw exchange_failure{exchange_failure::reason::closed, "the reply ended before its body was complete"};
}

void read_exactly(socket_reader& reader, std::uint64_t length, const body_sink& sink) {
  while (length > 0) {
    if (reader.available().empty() && !reader.fill()) cut_short();
    const auto piece = reader.available().substr(
        0, static_cast<std::size_t>(std::min<std::uint64_t>(length, reader.available().size())));
    sink(piece);
    reader.consume(piece.size());
    length -= piece.size();
  }
}

void read_chunked(socket_reader& reader, const body_sink& sink) {
  for (;;) {
    std::string size_line;
    try {
      size_line = reader.line();
    } catch (const exchange_failure& f) {
      if (f.why == exchange_failure::reason::closed) cut_short();
      throw;
    }
    const std::string_view digits = trim(std::string_view(size_line).substr(0, size_line.find(';')));
    std::uint64_t size = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), size, 16);
    if (ec != std::errc() || end != digits.data() + digits.size() || digits.empty())
      throw exchange_failure{exchange_failure::reason::failed, fmt::format("bad chunk size \"{}\"", size_line)};
    if (size == 0) {
      while (!reader.line().empty()) {
      }  // trailers
      return;
    }
    read_exactly(reader, size, sink);
    if (!reader.line().empty())
      throw exchange_failure{exchange_failure::reason::failed, "a chunk did not end where its size said"};
  }
}

void read_until_close(socket_reader& reader, const body_sink& sink) {
  for (;;) {
    const auto piece = reader.available();
    if (!piece.empty()) {
      sink(piece);
      reader.consume(piece.size());
      continue;
    }
    if (!reader.fill()) return;
  }
}

std::string request_head(const http_request& request, const std::string& user_agent) {
  std::string head = fmt::format("{} {} HTTP/1.1\r\nHost: api.moby.localhost\r\nUser-Agent: {}\r\n", request.method,
                                 request.target, user_agent);
  for (const auto& [name, value] : request.headers) head += fmt::format("{}: {}\r\n", name, value);
  if (!request.content_type.empty()) head += fmt::format("Content-Type: {}\r\n", request.content_type);
  const bool sends_body = request.method == "POST" || request.method == "PUT";
  if (request.body_reader) {
    head += request.body_size ? fmt::format("Content-Length: {}\r\n", *request.body_size)
                              : std::string("Transfer-Encoding: chunked\r\n");
  } else if (sends_body || !request.body.empty()) {
    head += fmt::format("Content-Length: {}\r\n", request.body.size());
  }
  return head + "\r\n";
}

// Streams the body_reader's bytes: raw when the size is known, else in chunks.
void send_streamed_body(int fd, const io_waiter& waiter, const http_request& request, std::size_t& written) {
  std::string buffer(kReadSize, '\0');
  for (;;) {
    const std::size_t n = request.body_reader(buffer.data(), buffer.size());
    if (request.body_size) {
      if (n == 0) return;
      send_all(fd, waiter, std::string_view(buffer.data(), n), written);
      continue;
    }
    if (n == 0) {
      send_all(fd, waiter, "0\r\n\r\n", written);
      return;
    }
    send_all(fd, waiter, fmt::format("{:x}\r\n", n), written);
    send_all(fd, waiter, std::string_view(buffer.data(), n), written);
    send_all(fd, waiter, "\r\n", written);
  }
}

// What one exchange on one connection did, for perform()'s retry decision.
struct exchange_progress {
  std::size_t written = 0;
  std::size_t received = 0;
};

// One request and its whole reply on `fd`. Returns whether the connection can be reused.
bool exchange(int fd, const io_waiter& waiter, const http_request& request, const std::string& user_agent,
              http_response& response, exchange_progress& progress) {
  std::string head = request_head(request, user_agent);
  std::optional<exchange_failure> send_failure;
  try {
    if (request.body_reader) {
      send_all(fd, waiter, head, progress.written);
      send_streamed_body(fd, waiter, request, progress.written);
    } else {
      head += request.body;
      send_all(fd, waiter, head, progress.written);
    }
  } catch (const exchange_failure& f) {
    // The daemon may have answered (an error) and closed before taking the whole body: read that
    // answer. Nothing written at all means nothing to read.
    if (f.why != exchange_failure::reason::closed || progress.written == 0) throw;
    send_failure = f;
  }

  socket_reader reader(fd, waiter);
  bool http10 = false;
  try {
    http10 = read_head(reader, response);
  } catch (const exchange_failure&) {
    progress.received = reader.received();
    if (send_failure) throw *send_failure;
    throw;
  }
  progress.received = reader.received();
  if (request.on_head) request.on_head(response);
  const body_sink sink{request, response};
  const auto connection = response.header("connection");
  bool reusable = !http10 && !send_failure && !(connection && lower(*connection) == "close");

  if (request.method == "HEAD" || response.status == 204 || response.status == 304) return reusable;
  const auto encoding = response.header("transfer-encoding");
  if (encoding && lower(*encoding).find("chunked") != std::string::npos) {
    read_chunked(reader, sink);
  } else if (const auto length = response.header("content-length")) {
    std::uint64_t size = 0;
    const auto [end, ec] = std::from_chars(length->data(), length->data() + length->size(), size);
    if (ec != std::errc() || end != length->data() + length->size())
      throw exchange_failure{exchange_failure::reason::failed, fmt::format("bad Content-Length \"{}\"", *length)};
    read_exactly(reader, size, sink);
  } else {
    read_until_close(reader, sink);
    reusable = false;
  }
  // Bytes beyond the reply mean the connection's framing is lost: never reuse it then.
  return reusable && reader.available().empty();
}

// A pooled connection the daemon closed while it sat idle reads as ready (EOF) right away.
bool looks_alive(int fd) {
  pollfd p{fd, POLLIN, 0};
  return ::poll(&p, 1, 0) == 0;
}

// The connection after 101 Switching Protocols: the bytes read past the reply's head come first.
class unix_hijacked_stream final : public hijacked_stream {
 public:
  unix_hijacked_stream(unique_fd fd, std::string early, std::string where, http_request request)
      : fd_(std::move(fd)), early_(std::move(early)), where_(std::move(where)), request_(std::move(request)) {}

  std::size_t read(char* data, std::size_t size, std::stop_token stop) override {
    if (size == 0) return 0;
    if (!early_.empty()) {
      const std::size_t n = std::min(size, early_.size());
      std::memcpy(data, early_.data(), n);
      early_.erase(0, n);
      return n;
    }
    try {
      const io_waiter waiter(std::nullopt, stop);
      for (;;) {
        const ssize_t n = ::recv(fd_.get(), data, size, 0);
        if (n >= 0) return static_cast<std::size_t>(n);
        if (errno == EINTR) continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK) {
          waiter.wait(fd_.get(), POLLIN);
          continue;
        }
        if (errno == ECONNRESET) return 0;  // the daemon closed its end: the stream is over
        throw os_failure(errno);
      }
    } catch (const exchange_failure& f) {
      if (f.why == exchange_failure::reason::cancelled) return 0;
      throw connection_lost(where_, request_, f.detail);
    }
  }

  void write(std::string_view data) override {
    try {
      const io_waiter waiter(std::nullopt, {});
      std::size_t written = 0;
      send_all(fd_.get(), waiter, data, written);
    } catch (const exchange_failure& f) {
      throw connection_lost(where_, request_, f.detail);
    }
  }

  void close_write() override { ::shutdown(fd_.get(), SHUT_WR); }

 private:
  unique_fd fd_;
  std::string early_;
  std::string where_;
  http_request request_;  // method and path, for error messages
};

}  // namespace

unix_socket_transport::unix_socket_transport(docker_host host, std::chrono::milliseconds connect_timeout)
    : host_(std::move(host)),
      where_(host_.to_string()),
      connect_timeout_(connect_timeout),
      user_agent_(fmt::format("stackctl/{}", client_version())) {}

unique_fd unix_socket_transport::connect_socket(const http_request& request) const {
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  if (host_.socket_path.size() >= sizeof(address.sun_path)) {
    throw engine_error(error_kind::connection,
                       fmt::format("the socket path of {} is longer than the {} bytes a unix socket allows", where_,
                                   sizeof(address.sun_path) - 1),
                       0, request.method, path_of(request));
  }
  std::memcpy(address.sun_path, host_.socket_path.data(), host_.socket_path.size());

  unique_fd fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (!fd) throw connection_lost(where_, request, std::strerror(errno));
  // A blocking connect on a unix socket waits (for a full backlog) at most SO_SNDTIMEO.
  timeval limit{};
  limit.tv_sec = static_cast<time_t>(connect_timeout_.count() / 1000);
  limit.tv_usec = static_cast<suseconds_t>((connect_timeout_.count() % 1000) * 1000);
  ::setsockopt(fd.get(), SOL_SOCKET, SO_SNDTIMEO, &limit, sizeof limit);
  int rc = 0;
  do {
    rc = ::connect(fd.get(), reinterpret_cast<const sockaddr*>(&address), sizeof address);
  } while (rc != 0 && errno == EINTR);
  if (rc != 0) {
    if (errno == EAGAIN || errno == EWOULDBLOCK)
      throw timed_out(where_, request, false,
                      fmt::format("connecting took longer than {} ms", connect_timeout_.count()));
    throw cannot_connect(where_, errno, request);
  }
  timeval none{};
  ::setsockopt(fd.get(), SOL_SOCKET, SO_SNDTIMEO, &none, sizeof none);
  ::fcntl(fd.get(), F_SETFL, ::fcntl(fd.get(), F_GETFL) | O_NONBLOCK);
  return fd;
}

unique_fd unix_socket_transport::take_idle() {
  std::lock_guard lock(pool_mutex_);
  while (!idle_.empty()) {
    unique_fd fd = std::move(idle_.back());
    idle_.pop_back();
    if (looks_alive(fd.get())) return fd;
  }
  return {};
}

void unix_socket_transport::give_back(unique_fd connection) {
  std::lock_guard lock(pool_mutex_);
  if (idle_.size() < kMaxIdleConnections) idle_.push_back(std::move(connection));
}

http_response unix_socket_transport::perform(const http_request& request) {
  http_response response;
  if (request.stop.stop_requested()) {
    response.cancelled = true;
    return response;
  }
  std::optional<clock::time_point> deadline;
  if (request.timeout) deadline = clock::now() + *request.timeout;

  try {
    const io_waiter waiter(deadline, request.stop);
    for (;;) {
      unique_fd fd = take_idle();
      const bool reused = static_cast<bool>(fd);
      if (!reused) fd = connect_socket(request);
      response = http_response{};
      exchange_progress progress;
      try {
        if (exchange(fd.get(), waiter, request, user_agent_, response, progress)) give_back(std::move(fd));
        return response;
      } catch (const exchange_failure& f) {
        // A kept-alive connection the daemon closed under us fails before the request left (a unix
        // socket refuses the first write to a closed peer): nothing happened, so try a new one.
        const bool untouched = progress.written == 0 && progress.received == 0;
        if (reused && untouched && f.why == exchange_failure::reason::closed) continue;
        throw;
      }
    }
  } catch (const exchange_failure& f) {
    switch (f.why) {
      case exchange_failure::reason::cancelled: response.cancelled = true; return response;
      case exchange_failure::reason::timeout:
        throw timed_out(where_, request, response.status != 0,
                        fmt::format("no complete reply within {} ms", request.timeout ? request.timeout->count() : 0));
      case exchange_failure::reason::closed:
      case exchange_failure::reason::failed: break;
    }
    throw connection_lost(where_, request, f.detail);
  }
}

std::unique_ptr<hijacked_stream> unix_socket_transport::upgrade(const http_request& request, http_response& response) {
  http_request upgraded = request;
  upgraded.headers.emplace_back("Connection", "Upgrade");
  upgraded.headers.emplace_back("Upgrade", "tcp");
  response = http_response{};
  std::optional<clock::time_point> deadline;
  if (request.timeout) deadline = clock::now() + *request.timeout;
  try {
    unique_fd fd = connect_socket(request);  // never a pooled one: it is not given back
    const io_waiter waiter(deadline, request.stop);
    std::size_t written = 0;
    send_all(fd.get(), waiter, request_head(upgraded, user_agent_) + upgraded.body, written);
    socket_reader reader(fd.get(), waiter);
    // 101 is what read_head skips as interim: read the status line here.
    const std::string status_line = reader.line();
    long status = 0;
    if (status_line.rfind("HTTP/1.", 0) != 0 || status_line.size() < 12 ||
        std::from_chars(status_line.data() + 9, status_line.data() + 12, status).ec != std::errc())
      throw exchange_failure{exchange_failure::reason::failed, fmt::format("not an HTTP reply: \"{}\"", status_line)};
    for (std::string line = reader.line(); !line.empty(); line = reader.line()) response.add_header_line(line);
    response.status = status;
    const auto type = response.header("content-type");
    const bool raw = status == 101 || (is_success(status) && type && type->find("raw-stream") != std::string::npos);
    if (raw) return std::make_unique<unix_hijacked_stream>(std::move(fd), reader.take_available(), where_, request);
    // An error (404 no such exec, 409 not running): its body, as perform() would read it.
    const body_sink sink{request, response};
    if (const auto length = response.header("content-length")) {
      std::uint64_t size = 0;
      std::from_chars(length->data(), length->data() + length->size(), size);
      read_exactly(reader, size, sink);
    } else if (const auto encoding = response.header("transfer-encoding");
               encoding && lower(*encoding).find("chunked") != std::string::npos) {
      read_chunked(reader, sink);
    } else {
      read_until_close(reader, sink);
    }
    return nullptr;
  } catch (const exchange_failure& f) {
    if (f.why == exchange_failure::reason::cancelled) {
      response.cancelled = true;
      return nullptr;
    }
    if (f.why == exchange_failure::reason::timeout)
      throw timed_out(where_, request, response.status != 0, "no reply to the upgrade in time");
    throw connection_lost(where_, request, f.detail);
  }
}

}  // namespace stackctl::engine::detail
