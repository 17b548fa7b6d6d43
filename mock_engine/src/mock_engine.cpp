#include <stackctl/mock_engine/mock_engine.hpp>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <deque>
#include <optional>
#include <regex>
#include <stdexcept>
#include <thread>
#include <tuple>
#include <utility>

#include <fmt/format.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include "expectation_state.hpp"

namespace stackctl::mock_engine {
namespace {

using detail::reply_spec;

struct version_pair {
  int major = 0;
  int minor = 0;
  // Compared as a tuple; spelled out because clang-tidy flags the literal 0 a defaulted <=> compares with.
  auto operator<=>(const version_pair& other) const {
    return std::tie(major, minor) <=> std::tie(other.major, other.minor);
  }
  bool operator==(const version_pair& other) const = default;
};

std::optional<version_pair> parse_version(const std::string& text) {
  static const std::regex pattern(R"((\d+)\.(\d+))");
  std::smatch m;
  if (!std::regex_match(text, m, pattern)) return std::nullopt;
  return version_pair{std::stoi(m[1]), std::stoi(m[2])};
}

// The "/vX.Y" prefix of a path: its text ("1.44") and the rest of the path ("/version").
struct versioned_path {
  std::string version_text;
  version_pair version;
  std::string rest;
};

std::optional<versioned_path> split_version(const std::string& path) {
  static const std::regex pattern(R"(^/v(\d+\.\d+)(/.*)?$)");
  std::smatch m;
  if (!std::regex_match(path, m, pattern)) return std::nullopt;
  auto version = parse_version(m[1]);
  if (!version) return std::nullopt;
  return versioned_path{m[1], *version, m[2].matched ? std::string(m[2]) : std::string{}};
}

// A plausible engine release for an API version, for Server: and /version.
std::string engine_release_for(const std::string& api_version) {
  static const std::pair<const char*, const char*> table[] = {
      {"1.40", "19.03.15"}, {"1.41", "20.10.24"}, {"1.42", "23.0.6"}, {"1.43", "24.0.9"}, {"1.44", "25.0.5"},
      {"1.45", "26.1.4"},   {"1.46", "27.1.2"},   {"1.47", "27.3.1"}, {"1.48", "28.0.4"},
  };
  for (const auto& [api, release] : table) {
    if (api_version == api) return release;
  }
  return "0.0.0-mock";
}

std::string make_socket_dir() {
  char pattern[] = "/tmp/stackctl-mock-XXXXXX";
  if (::mkdtemp(pattern) == nullptr) {
    throw std::runtime_error(
        fmt::format("mock engine: cannot create a directory under /tmp: {}", std::strerror(errno)));
  }
  return pattern;
}

// cpp-httplib listens with a backlog of 5, so a burst of concurrent clients gets ECONNREFUSED /
// EAGAIN on the unix socket (dockerd uses SOMAXCONN); this exposes the socket to raise it.
class server_with_backlog : public httplib::Server {
 public:
  bool raise_backlog() { return ::listen(svr_sock_, SOMAXCONN) == 0; }
};

}  // namespace

struct mock_engine::impl {
  mock_options options;
  std::string owned_dir;  // removed by the destructor when we made it
  int port = 0;           // tcp only

  std::string where() const {
    return options.tcp ? fmt::format("tcp://127.0.0.1:{}", port) : "unix://" + options.socket_path;
  }
  std::optional<version_pair> max_version;
  std::optional<version_pair> min_version;

  server_with_backlog server;
  std::thread thread;
  std::atomic<bool> listen_returned{false};

  mutable std::mutex mutex;
  mutable std::condition_variable changed;  // requests recorded, streams released, stopping
  bool stopping = false;
  std::size_t stream_generation = 0;  // bumped by close_streams()
  std::deque<expectation> handles;
  std::vector<std::shared_ptr<detail::expectation_state>> expectations;
  std::vector<recorded_request> recorded;
  std::vector<std::string> unexpected;  // one entry per unexpected request, with near misses

  // ---- building replies ----
  void add_daemon_headers(reply_spec& reply) const {
    reply.headers.emplace_back("Api-Version", options.api_version);
    reply.headers.emplace_back("Ostype", options.os_type);
    reply.headers.emplace_back("Server", fmt::format("Docker/{} ({})", options.engine_version, options.os_type));
  }

  std::optional<reply_spec> version_refusal(const recorded_request& request) const {
    const auto prefix = split_version(request.path);
    if (!prefix) return std::nullopt;
    reply_spec reply;
    reply.status = 400;
    if (min_version && prefix->version < *min_version) {
      // dockerd 20.10 writes this one as plain text with a trailing newline.
      reply.content_type = "text/plain; charset=utf-8";
      reply.headers.emplace_back("X-Content-Type-Options", "nosniff");
      reply.body = fmt::format(
          "client version {} is too old. Minimum supported API version is {}, please upgrade "
          "your client to a newer version\n",
          prefix->version_text, options.min_api_version);
      return reply;
    }
    if (max_version && prefix->version > *max_version) {
      reply.content_type = "application/json";
      reply.body = nlohmann::json{{"message", fmt::format("client version {} is too new. Maximum "
                                                          "supported API version is {}",
                                                          prefix->version_text, options.api_version)}}
                       .dump() +
                   "\n";
      return reply;
    }
    return std::nullopt;
  }

  std::optional<reply_spec> builtin(const recorded_request& request) const {
    const auto prefix = split_version(request.path);
    const std::string& route = prefix ? prefix->rest : request.path;
    const bool get_or_head = request.method == "GET" || request.method == "HEAD";
    if (route == "/_ping" && get_or_head) {
      reply_spec reply;
      reply.content_type = "text/plain; charset=utf-8";
      reply.body = request.method == "HEAD" ? "" : "OK";
      reply.headers = {{"Cache-Control", "no-cache, no-store, must-revalidate"},
                       {"Pragma", "no-cache"},
                       {"Docker-Experimental", options.experimental ? "true" : "false"}};
      if (max_version && *max_version >= version_pair{1, 42}) {
        reply.headers.emplace_back("Builder-Version", "2");
        reply.headers.emplace_back("Swarm", "inactive");
      }
      return reply;
    }
    if (route == "/version" && request.method == "GET") {
      reply_spec reply;
      reply.content_type = "application/json";
      reply.headers = {{"Docker-Experimental", options.experimental ? "true" : "false"}};
      const nlohmann::json details = {{"ApiVersion", options.api_version},
                                      {"Arch", "amd64"},
                                      {"BuildTime", "2024-01-01T00:00:00.000000000+00:00"},
                                      {"Experimental", options.experimental ? "true" : "false"},
                                      {"GitCommit", "mock"},
                                      {"GoVersion", "go1.19.8"},
                                      {"KernelVersion", "6.1.0-mock"},
                                      {"MinAPIVersion", options.min_api_version},
                                      {"Os", options.os_type}};
      nlohmann::json body = {
          {"Platform", {{"Name", "stackctl mock engine"}}},
          {"Components",
           nlohmann::json::array({{{"Name", "Engine"}, {"Version", options.engine_version}, {"Details", details}}})},
          {"Version", options.engine_version},
          {"ApiVersion", options.api_version},
          {"MinAPIVersion", options.min_api_version},
          {"GitCommit", "mock"},
          {"GoVersion", "go1.19.8"},
          {"Os", options.os_type},
          {"Arch", "amd64"},
          {"KernelVersion", "6.1.0-mock"},
          {"BuildTime", "2024-01-01T00:00:00.000000000+00:00"},
      };
      if (options.experimental) body["Experimental"] = true;
      reply.body = body.dump() + "\n";
      return reply;
    }
    return std::nullopt;
  }

  // Under the lock: pick the reply and record the request.
  reply_spec decide(recorded_request request) {
    std::shared_ptr<detail::expectation_state> chosen;
    for (const auto& e : expectations) {
      if (e->mismatch(request)) continue;
      if (!e->saturated()) {
        chosen = e;
        break;
      }
      if (!chosen) chosen = e;  // over-called unless a later one still wants calls
    }
    reply_spec reply;
    if (chosen) {
      ++chosen->calls;
      request.outcome = request_outcome::expected;
      reply = chosen->reply;
    } else if (auto refusal = version_refusal(request)) {
      request.outcome = request_outcome::version_refused;
      reply = std::move(*refusal);
    } else if (auto answer = builtin(request)) {
      request.outcome = request_outcome::builtin;
      reply = std::move(*answer);
    } else {
      request.outcome = request_outcome::unexpected;
      const std::string described = request.describe();
      reply.status = 500;
      reply.content_type = "application/json";
      reply.body =
          nlohmann::json{{"message", fmt::format("mock engine: unexpected request {}", described)}}.dump() + "\n";
      std::string note = fmt::format("unexpected request: {}", described);
      for (const auto& e : expectations) {
        if (!e->path_matches(request.path)) continue;  // only the same path is a near miss
        if (auto why = e->mismatch(request)) {
          note += fmt::format("\n    near miss #{} {} {}: {}", e->number, e->method, e->path, *why);
        }
      }
      unexpected.push_back(std::move(note));
    }
    // Daemon headers first, so an expectation's own headers are the ones a client reads last.
    reply_spec with_headers = reply;
    with_headers.headers.clear();
    add_daemon_headers(with_headers);
    for (auto& h : reply.headers) with_headers.headers.push_back(std::move(h));
    recorded.push_back(std::move(request));
    return with_headers;
  }

  // Waits up to `duration`; false if the engine began stopping meanwhile.
  bool pause(std::chrono::milliseconds duration) {
    std::unique_lock lock(mutex);
    return !changed.wait_for(lock, duration, [this] { return stopping; });
  }

  void handle(const httplib::Request& req, httplib::Response& res) {
    recorded_request request;
    request.method = req.method;
    request.path = req.path;
    const auto q = req.target.find('?');
    request.raw_path = req.target.substr(0, q);
    if (q != std::string::npos) request.raw_query = req.target.substr(q + 1);
    for (const auto& [key, value] : req.params) request.query.emplace(key, value);
    for (const auto& [name, value] : req.headers) {
      // cpp-httplib adds the peer's address as pseudo-headers; they were never sent.
      if (name == "REMOTE_ADDR" || name == "REMOTE_PORT" || name == "LOCAL_ADDR" || name == "LOCAL_PORT") {
        continue;
      }
      request.headers.emplace(name, value);
    }
    request.body = req.body;

    reply_spec reply;
    {
      std::lock_guard lock(mutex);
      reply = decide(std::move(request));
    }
    changed.notify_all();

    if (reply.delay.count() > 0 && !pause(reply.delay)) {
      res.status = 503;
      return;
    }
    res.status = reply.status;
    for (const auto& [name, value] : reply.headers) res.set_header(name, value);

    if (reply.drop_connection) {
      auto body = std::make_shared<std::string>(
          reply.body.empty() ? std::string(R"({"message":"mock engine: this reply is cut short"})") : reply.body);
      const std::size_t half = body->size() / 2;
      res.set_content_provider(body->size(), reply.content_type.empty() ? "application/json" : reply.content_type,
                               [body, half](std::size_t offset, std::size_t, httplib::DataSink& sink) {
                                 if (offset < half) return sink.write(body->data() + offset, half - offset);
                                 return false;  // fail mid-body: cpp-httplib closes the connection
                               });
      return;
    }

    if (reply.chunks) {
      struct cursor {
        std::vector<std::string> chunks;
        std::size_t next = 0;
      };
      auto state = std::make_shared<cursor>(cursor{std::move(*reply.chunks), 0});
      std::size_t generation = 0;
      {
        std::lock_guard lock(mutex);
        generation = stream_generation;
      }
      const auto gap = reply.gap;
      const bool cut = reply.cut;
      const bool hold = reply.hold_open;
      res.set_chunked_content_provider(
          reply.content_type.empty() ? "application/json" : reply.content_type,
          [this, state, gap, cut, hold, generation](std::size_t, httplib::DataSink& sink) {
            // Empty pieces would end a cpp-httplib chunked body early; skip them.
            while (state->next < state->chunks.size() && state->chunks[state->next].empty()) {
              ++state->next;
            }
            if (state->next < state->chunks.size()) {
              if (state->next > 0 && gap.count() > 0 && !pause(gap)) return false;
              const auto& piece = state->chunks[state->next++];
              return sink.write(piece.data(), piece.size());
            }
            if (hold) {
              std::unique_lock lock(mutex);
              changed.wait(lock, [&] { return stopping || stream_generation != generation; });
              if (stopping) return false;
            }
            if (cut) return false;  // no terminating chunk: the stream is cut short
            sink.done();
            return true;
          });
      return;
    }

    if (!reply.body.empty()) {
      res.set_content(reply.body, reply.content_type.empty() ? "application/json" : reply.content_type);
    } else if (!reply.content_type.empty()) {
      res.set_header("Content-Type", reply.content_type);
    }
  }

  void start() {
    if (!options.tcp) server.set_address_family(AF_UNIX);
    // dockerd keeps connections open indefinitely; cpp-httplib's default closes after 5.
    server.set_keep_alive_max_count(100000);
    server.set_keep_alive_timeout(2);
    server.new_task_queue = [] { return new httplib::ThreadPool(16); };
    const httplib::Server::Handler handler = [this](const httplib::Request& req, httplib::Response& res) {
      handle(req, res);
    };
    const std::string any = ".*";
    server.Get(any, handler);  // also receives HEAD
    server.Post(any, handler);
    server.Put(any, handler);
    server.Delete(any, handler);
    server.Patch(any, handler);
    server.Options(any, handler);

    if (options.tcp) {
      port = server.bind_to_any_port("127.0.0.1");
      if (port <= 0)
        throw std::runtime_error(fmt::format("mock engine: cannot listen on 127.0.0.1: {}", std::strerror(errno)));
    } else {
      ::unlink(options.socket_path.c_str());  // a stale socket makes bind fail
      // AF_UNIX ignores the port, but cpp-httplib 0.11.4 mishandles port 0 there.
      if (!server.bind_to_port(options.socket_path, 80)) {
        throw std::runtime_error(
            fmt::format("mock engine: cannot listen on {}: {}", options.socket_path, std::strerror(errno)));
      }
    }
    // Linux lets listen() on a listening socket change its backlog.
    if (!server.raise_backlog()) {
      throw std::runtime_error(fmt::format("mock engine: cannot listen on {}: {}", where(), std::strerror(errno)));
    }
    thread = std::thread([this] {
      server.listen_after_bind();
      listen_returned = true;
    });
    // stop() is a no-op until the accept loop runs, so do not return before it does.
    while (!server.is_running() && !listen_returned) std::this_thread::yield();
    if (listen_returned) {
      thread.join();
      if (!options.tcp) ::unlink(options.socket_path.c_str());
      throw std::runtime_error(fmt::format("mock engine: the server on {} stopped at once", where()));
    }
  }

  void stop() {
    {
      std::lock_guard lock(mutex);
      stopping = true;
    }
    changed.notify_all();
    server.stop();
    if (thread.joinable()) thread.join();
    if (!options.tcp) ::unlink(options.socket_path.c_str());
    if (!owned_dir.empty()) ::rmdir(owned_dir.c_str());
  }
};

mock_engine::mock_engine(mock_options options) : impl_(std::make_unique<impl>()) {
  auto& self = *impl_;
  if (options.tcp) {
    options.socket_path.clear();
  } else if (options.socket_path.empty()) {
    self.owned_dir = make_socket_dir();
    options.socket_path = self.owned_dir + "/docker.sock";
  }
  if (options.socket_path.size() >= sizeof(sockaddr_un::sun_path)) {
    throw std::invalid_argument(fmt::format("mock engine: socket path too long for AF_UNIX ({} bytes, at most {}): {}",
                                            options.socket_path.size(), sizeof(sockaddr_un::sun_path) - 1,
                                            options.socket_path));
  }
  self.max_version = parse_version(options.api_version);
  self.min_version = parse_version(options.min_api_version);
  if (!self.max_version) {
    throw std::invalid_argument(
        fmt::format("mock engine: api_version \"{}\" is not <major>.<minor>", options.api_version));
  }
  if (options.engine_version.empty()) options.engine_version = engine_release_for(options.api_version);
  self.options = std::move(options);
  try {
    self.start();
  } catch (...) {
    if (!self.owned_dir.empty()) ::rmdir(self.owned_dir.c_str());
    throw;
  }
}

mock_engine::~mock_engine() { impl_->stop(); }

const mock_options& mock_engine::options() const noexcept { return impl_->options; }

const std::string& mock_engine::socket_path() const noexcept { return impl_->options.socket_path; }

std::string mock_engine::docker_host() const { return impl_->where(); }

std::string mock_engine::api_path(std::string_view endpoint) const {
  return fmt::format("/v{}{}", impl_->options.api_version, endpoint);
}

expectation& mock_engine::expect(std::string method, std::string path) {
  auto state = std::make_shared<detail::expectation_state>();
  state->method = std::move(method);
  state->path = std::move(path);
  std::lock_guard lock(impl_->mutex);
  state->number = impl_->expectations.size() + 1;
  impl_->expectations.push_back(state);
  return impl_->handles.emplace_back(std::move(state), impl_->mutex);
}

expectation& mock_engine::expect_regex(std::string method, std::string path_regex) {
  auto state = std::make_shared<detail::expectation_state>();
  state->method = std::move(method);
  state->path_regex.emplace(path_regex);  // throws std::regex_error on a bad pattern
  state->path = std::move(path_regex);
  std::lock_guard lock(impl_->mutex);
  state->number = impl_->expectations.size() + 1;
  impl_->expectations.push_back(state);
  return impl_->handles.emplace_back(std::move(state), impl_->mutex);
}

std::vector<recorded_request> mock_engine::requests() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->recorded;
}

std::vector<recorded_request> mock_engine::requests(std::string_view method, std::string_view path) const {
  std::lock_guard lock(impl_->mutex);
  std::vector<recorded_request> matching;
  for (const auto& r : impl_->recorded) {
    if (r.method == method && r.path == path) matching.push_back(r);
  }
  return matching;
}

bool mock_engine::wait_for(const std::function<bool(const std::vector<recorded_request>&)>& condition,
                           std::chrono::milliseconds timeout) const {
  std::unique_lock lock(impl_->mutex);
  return impl_->changed.wait_for(lock, timeout, [&] { return condition(impl_->recorded); });
}

bool mock_engine::wait_for_requests(std::size_t count, std::chrono::milliseconds timeout) const {
  return wait_for([count](const auto& recorded) { return recorded.size() >= count; }, timeout);
}

std::vector<std::string> mock_engine::problems() const {
  std::lock_guard lock(impl_->mutex);
  std::vector<std::string> found;
  for (const auto& e : impl_->expectations) {
    if (e->calls < e->min_calls) {
      const bool exact = e->max_calls && *e->max_calls == e->min_calls;
      found.push_back(fmt::format("unmet expectation {}: wanted {}{} call(s), got {}", e->describe(),
                                  exact ? "exactly " : "at least ", e->min_calls, e->calls));
    } else if (e->max_calls && e->calls > *e->max_calls) {
      found.push_back(fmt::format("over-called expectation {}: wanted exactly {} call(s), got {}", e->describe(),
                                  *e->max_calls, e->calls));
    }
  }
  for (const auto& note : impl_->unexpected) found.push_back(note);
  return found;
}

bool mock_engine::verify_ok() const { return problems().empty(); }

std::string mock_engine::report() const {
  const auto found = problems();
  std::string text;
  if (found.empty()) {
    text = "mock engine: all expectations met, no unexpected requests\n";
  } else {
    text = fmt::format("mock engine: {} problem(s)\n", found.size());
    for (const auto& p : found) text += "  " + p + "\n";
  }
  const auto all = requests();
  text += fmt::format("requests received ({}):\n", all.size());
  for (const auto& r : all) {
    const char* outcome = "";
    switch (r.outcome) {
      case request_outcome::expected: outcome = "expected"; break;
      case request_outcome::builtin: outcome = "built-in"; break;
      case request_outcome::version_refused: outcome = "refused: API version"; break;
      case request_outcome::unexpected: outcome = "UNEXPECTED"; break;
    }
    text += fmt::format("  {} ({})", r.describe(), outcome);
    if (!r.body.empty()) {
      text += " body: ";
      text += r.body.size() > 300 ? r.body.substr(0, 300) + "…" : r.body;
    }
    text += "\n";
  }
  return text;
}

void mock_engine::verify() const {
  if (!verify_ok()) throw verification_error(report());
}

void mock_engine::close_streams() {
  {
    std::lock_guard lock(impl_->mutex);
    ++impl_->stream_generation;
  }
  impl_->changed.notify_all();
}

void mock_engine::reset() {
  std::lock_guard lock(impl_->mutex);
  // Handles stay valid (callers may still hold references) but no longer take part.
  impl_->expectations.clear();
  impl_->recorded.clear();
  impl_->unexpected.clear();
}

}  // namespace stackctl::mock_engine
