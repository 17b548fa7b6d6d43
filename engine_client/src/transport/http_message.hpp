#pragma once
// One HTTP exchange as the transport sees it. Private to the engine client.
#include <cctype>
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

struct http_response;

struct http_request {
  std::string method = "GET";  // GET, HEAD, POST, PUT, DELETE
  std::string target;          // "/v1.41/containers/json?all=1", already escaped
  // In-memory body; for POST/PUT without one an empty body is sent (Content-Length: 0).
  std::string body;
  std::string content_type;  // sent when non-empty
  // Streamed body (import): fills the buffer, returns the byte count, 0 at the end.
  std::function<std::size_t(char*, std::size_t)> body_reader;
  std::optional<std::int64_t> body_size;  // with body_reader: known size, else chunked
  std::vector<std::pair<std::string, std::string>> headers;
  // Total transfer time; nullopt = unbounded (streams), cancelled through `stop` instead.
  std::optional<std::chrono::milliseconds> timeout;
  // Set → the body of a 2xx response goes here as it arrives instead of into response.body.
  std::function<void(std::string_view)> on_body;
  // Set → called once the final reply's status line and headers have arrived, before its body
  // (`POST /containers/{id}/wait` flushes its head once the wait is registered). Runs on the
  // transport's thread; what it throws propagates as from on_body.
  std::function<void(const http_response&)> on_head;
  std::stop_token stop;
};

struct http_response {
  long status = 0;
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;                            // error bodies are capped at 1 MiB
  bool cancelled = false;                      // the stop_token ended the transfer

  // One "Name: value" header line (without its line break): the name lower-cased, the value
  // without surrounding blanks; a later line of the same name wins. A line without ':' is ignored.
  void add_header_line(std::string_view line) {
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) return;
    std::string name(line.substr(0, colon));
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
    while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
    headers[std::move(name)] = std::string(value);
  }

  const std::string* header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? nullptr : &it->second;
  }
};

inline constexpr std::size_t kMaxErrorBody = 1 << 20;  // like the Go client: keep at most 1 MiB

inline bool is_success(long status) { return status >= 200 && status < 300; }

// Where a piece of a reply's body goes, for both transports: to on_body for a 2xx reply that has
// one (what it throws propagates), else into response.body (error bodies capped at kMaxErrorBody).
inline void deliver_body(const http_request& request, http_response& response, std::string_view piece) {
  if (is_success(response.status)) {
    if (request.on_body) {
      request.on_body(piece);
    } else {
      response.body.append(piece);
    }
  } else if (response.body.size() < kMaxErrorBody) {
    response.body.append(piece.substr(0, kMaxErrorBody - response.body.size()));
  }
}

}  // namespace stackctl::engine::detail
