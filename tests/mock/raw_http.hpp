#pragma once
// A bare libcurl client for testing the mock engine itself, independent of stackctl's client:
// one request over a unix socket, reporting what arrived and how.
#include <chrono>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include <curl/curl.h>

namespace stackctl::mock_engine::testing {

struct raw_response {
  CURLcode code = CURLE_OK;  // CURLE_PARTIAL_FILE for a cut body, CURLE_OPERATION_TIMEDOUT, ...
  long status = 0;
  std::multimap<std::string, std::string> headers;  // names lower-cased
  std::string body;
  std::vector<std::string> pieces;  // body as handed to the write callback, call by call

  std::string header(const std::string& lower_name) const {
    const auto found = headers.find(lower_name);
    return found == headers.end() ? std::string{} : found->second;
  }
};

struct raw_request {
  std::string method = "GET";
  std::string target = "/_ping";  // path and query
  std::string body;
  std::vector<std::string> headers;                        // "Name: value"
  std::chrono::milliseconds timeout{0};                    // 0: none
  std::function<void(const std::string& piece)> on_piece;  // called from the write callback
};

raw_response perform(const std::string& socket_path, const raw_request& request);

}  // namespace stackctl::mock_engine::testing
