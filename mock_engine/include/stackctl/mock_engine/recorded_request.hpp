#pragma once
// One request as the mock engine received it, kept for assertions after the fact.
#include <map>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

namespace stackctl::mock_engine {

// Header names compare case-insensitively, as in HTTP.
struct case_insensitive_less {
  bool operator()(std::string_view a, std::string_view b) const noexcept;
};

// What the mock did with a request.
enum class request_outcome {
  expected,         // matched an expectation
  builtin,          // answered by a built-in route (/_ping, /version)
  version_refused,  // /vX.Y outside [min_api_version, api_version]: dockerd's 400
  unexpected,       // nothing matched: 500, and verify() fails
};

struct recorded_request {
  std::string method;                             // "GET", "HEAD", "POST", ...
  std::string path;                               // decoded path without the query: "/v1.41/containers/create"
  std::string raw_path;                           // the path as sent, still percent-encoded
  std::string raw_query;                          // as sent, without '?': "name=web&platform=linux%2Famd64"
  std::multimap<std::string, std::string> query;  // decoded key → value
  std::multimap<std::string, std::string, case_insensitive_less> headers;
  std::string body;
  request_outcome outcome = request_outcome::unexpected;

  bool has_query(const std::string& key) const;
  // The first value of `key`, or "" when absent.
  std::string query_value(const std::string& key) const;
  // The first value of header `name`, or "" when absent.
  std::string header(const std::string& name) const;
  // The body parsed as JSON; throws std::runtime_error (quoting the body) if it is not JSON.
  nlohmann::json json() const;
  // "POST /v1.41/containers/create?name=web"
  std::string describe() const;
};

}  // namespace stackctl::mock_engine
