#pragma once
// One expected request and what the mock engine does when it arrives: a reply, or a fault.
// Built fluently from mock_engine::expect(); every method returns *this.
//
//   engine.expect("POST", "/v1.41/containers/create")
//       .with_query("name", "web")
//       .with_json_subset({{"Image", "nginx"}})
//       .times(1)
//       .reply_json(201, {{"Id", "abc"}, {"Warnings", nlohmann::json::array()}});
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include <stackctl/mock_engine/recorded_request.hpp>

namespace stackctl::mock_engine {

namespace detail {
struct expectation_state;
}  // namespace detail

class expectation {
 public:
  // Made by mock_engine::expect(); not for direct use.
  expectation(std::shared_ptr<detail::expectation_state> state, std::mutex& engine_mutex);

  // ---- what must match (all given conditions must hold) ----
  // The decoded query parameter `key` is present with exactly `value` (other parameters may be
  // present too).
  expectation& with_query(std::string key, std::string value);
  // The query parameter `key` parses as JSON equal to `value` — for filters=, whose key order
  // and spacing are the client's business.
  expectation& with_query_json(std::string key, const nlohmann::json& value);
  // The query parameter `key` is absent.
  expectation& without_query(std::string key);
  // Header `name` (case-insensitive) is present with exactly `value`.
  expectation& with_header(std::string name, std::string value);
  // The raw body is exactly `body`.
  expectation& with_body(std::string body);
  // The body is JSON equal to `body` (member order does not matter).
  expectation& with_json_body(const nlohmann::json& body);
  // The body is JSON containing `subset`: objects may have extra members (recursively), arrays
  // must have the same length with each element matching as a subset, scalars must be equal.
  expectation& with_json_subset(const nlohmann::json& subset);
  // Any other condition; `description` names it in reports.
  expectation& when(std::function<bool(const recorded_request&)> predicate, std::string description);

  // ---- how often (default: at least once) ----
  expectation& times(std::size_t n);     // exactly n
  expectation& at_least(std::size_t n);  // n or more
  expectation& any_times();              // zero or more: never reported as unmet

  // ---- the reply (default: 200 with an empty body) ----
  expectation& reply(int status, std::string body = {}, std::string content_type = "application/json");
  expectation& reply_json(int status, const nlohmann::json& body);
  // {"message": message}, as dockerd reports every error.
  expectation& reply_error(int status, std::string_view message);
  expectation& reply_header(std::string name, std::string value);

  // ---- faults and streams ----
  // Wait this long before answering (a slow daemon; interrupted when the engine stops).
  expectation& delay(std::chrono::milliseconds duration);
  // Send the status line, headers and a Content-Length for the whole reply body, then only the
  // first half of the body, then close the connection.
  expectation& drop_connection();
  // A chunked 200 (or the status given to reply()) whose body is delivered one HTTP chunk per
  // element, so a client's decoder sees exactly these pieces; `gap` is waited between pieces.
  expectation& stream_chunks(std::vector<std::string> chunks,
                             std::chrono::milliseconds gap = std::chrono::milliseconds{0});
  // Like stream_chunks, then the connection is closed without the terminating chunk: a stream
  // cut short (make the last piece end mid-frame to cut mid-frame).
  expectation& stream_then_cut(std::vector<std::string> chunks,
                               std::chrono::milliseconds gap = std::chrono::milliseconds{0});
  // After the streamed chunks, keep the stream open (like `logs -f` or /events with nothing new)
  // until mock_engine::close_streams() or the engine stops.
  expectation& hold_open();

  // How many requests this expectation has answered so far.
  std::size_t call_count() const;
  // "#2 POST /v1.41/containers/create [query name=web, json subset {...}]"
  std::string describe() const;

 private:
  std::shared_ptr<detail::expectation_state> state_;
  std::mutex* mutex_;
};

}  // namespace stackctl::mock_engine
