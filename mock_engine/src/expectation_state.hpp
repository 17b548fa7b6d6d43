#pragma once
// Internal: the data behind an expectation handle, shared by the handle and the engine. Every
// access holds the engine's mutex.
#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <regex>
#include <string>
#include <utility>
#include <vector>

#include <stackctl/mock_engine/recorded_request.hpp>

namespace stackctl::mock_engine::detail {

// What to send back; also used for the built-in routes.
struct reply_spec {
  int status = 200;
  std::string body;
  std::string content_type;  // empty: none
  std::vector<std::pair<std::string, std::string>> headers;
  std::chrono::milliseconds delay{0};
  bool drop_connection = false;
  std::optional<std::vector<std::string>> chunks;  // set: a chunked, streamed body
  std::chrono::milliseconds gap{0};
  bool cut = false;
  bool hold_open = false;
};

struct condition {
  std::string description;
  // nullopt when the request satisfies the condition, else why not.
  std::function<std::optional<std::string>(const recorded_request&)> check;
};

struct expectation_state {
  std::size_t number = 0;  // 1-based, in the order added
  std::string method;
  std::string path;  // exact path, or the regex text
  std::optional<std::regex> path_regex;
  std::vector<condition> conditions;
  std::size_t min_calls = 1;
  std::optional<std::size_t> max_calls;
  std::size_t calls = 0;
  reply_spec reply;

  bool path_matches(const std::string& request_path) const;
  // nullopt on a full match; otherwise why it does not match.
  std::optional<std::string> mismatch(const recorded_request& request) const;
  bool saturated() const { return max_calls && calls >= *max_calls; }
  std::string describe() const;
};

}  // namespace stackctl::mock_engine::detail
