#pragma once
// A fake Docker daemon on a unix socket for tests: answers /_ping and /version like dockerd,
// refuses out-of-range /vX.Y prefixes with dockerd's own 400s, answers what the test expects,
// injects faults, records every request, and reports what was missing or unexpected.
//
//   stackctl::mock_engine::mock_engine engine;               // serving when constructed
//   engine.expect("POST", engine.api_path("/containers/abc/start")).reply(204);
//   ... point the client at engine.docker_host() and call it ...
//   EXPECT_TRUE(engine.verify_ok()) << engine.report();
#include <chrono>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <stackctl/mock_engine/expectation.hpp>
#include <stackctl/mock_engine/mock_options.hpp>
#include <stackctl/mock_engine/recorded_request.hpp>

namespace stackctl::mock_engine {

// Thrown by mock_engine::verify(); what() is report().
class verification_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class mock_engine {
 public:
  // Binds the socket and starts serving before returning; throws std::runtime_error if it cannot.
  explicit mock_engine(mock_options options = {});
  // Stops serving (interrupting delays and held streams) and removes the socket.
  ~mock_engine();

  mock_engine(const mock_engine&) = delete;
  mock_engine& operator=(const mock_engine&) = delete;

  const mock_options& options() const noexcept;
  const std::string& socket_path() const noexcept;  // empty with options.tcp
  // "unix:///tmp/stackctl-mock-XXXXXX/docker.sock" or "tcp://127.0.0.1:PORT" — what DOCKER_HOST
  // would hold.
  std::string docker_host() const;
  // The versioned path at the configured API version: api_path("/containers/json") →
  // "/v1.41/containers/json".
  std::string api_path(std::string_view endpoint) const;

  // Expect `method` (upper case, e.g. "POST"; "HEAD" matches only HEAD) on exactly `path`
  // (decoded, without the query). Expectations are tried in the order they were added; the
  // first one that matches and still wants calls answers; when all matching ones are used up,
  // the first matching one answers again and verify() reports it as over-called. Expectations
  // are tried before the built-in routes, so they can override /_ping and /version.
  expectation& expect(std::string method, std::string path);
  // Like expect(), with `path_regex` matched (std::regex_match) against the whole path.
  expectation& expect_regex(std::string method, std::string path_regex);

  // Every request received so far, in arrival order.
  std::vector<recorded_request> requests() const;
  // Those with this method and exact path.
  std::vector<recorded_request> requests(std::string_view method, std::string_view path) const;
  // Waits (up to `timeout`) until `condition` holds for the recorded requests; returns whether
  // it did. For tests whose client call blocks on a stream in another thread.
  bool wait_for(const std::function<bool(const std::vector<recorded_request>&)>& condition,
                std::chrono::milliseconds timeout) const;
  bool wait_for_requests(std::size_t count, std::chrono::milliseconds timeout) const;

  // Unmet expectations, over-called expectations and unexpected requests, one line each
  // (with why near-miss expectations did not match).
  std::vector<std::string> problems() const;
  bool verify_ok() const;
  // problems() followed by every request received: the text to print when verification fails.
  std::string report() const;
  // Throws verification_error(report()) when problems() is not empty.
  void verify() const;

  // Ends every stream held open by expectation::hold_open().
  void close_streams();
  // Forgets all expectations and recorded requests.
  void reset();

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace stackctl::mock_engine
