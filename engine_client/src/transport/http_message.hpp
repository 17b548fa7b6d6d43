#pragma once
// One HTTP exchange as the transport sees it. Private to the engine client.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <stop_token>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace stackctl::engine::detail {

struct http_request {
  std::string method = "GET";  // GET, HEAD, POST, PUT, DELETE
  std::string target;          // "/v1.41/containers/json?all=1", already escaped
  // In-memory body; for POST/PUT without one an empty body is sent (Content-Length: 0).
  std::string body;
  std::string content_type;    // sent when non-empty
  // Streamed body (import): fills the buffer, returns the byte count, 0 at the end.
  std::function<std::size_t(char*, std::size_t)> body_reader;
  std::optional<std::int64_t> body_size;  // with body_reader: known size, else chunked
  std::vector<std::pair<std::string, std::string>> headers;
  // Total transfer time; nullopt = unbounded (streams), cancelled through `stop` instead.
  std::optional<std::chrono::milliseconds> timeout;
  // Set → the body of a 2xx response goes here as it arrives instead of into response.body.
  std::function<void(std::string_view)> on_body;
  std::stop_token stop;
};

struct http_response {
  long status = 0;
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;                            // error bodies are capped at 1 MiB
  bool cancelled = false;                      // the stop_token ended the transfer

  const std::string* header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? nullptr : &it->second;
  }
};

}  // namespace stackctl::engine::detail
