#pragma once
// Errors raised by the engine client, typed by kind like moby's errdefs. Every error that came
// from an HTTP exchange carries the status, the daemon's message, the method and the path.
#include <stdexcept>
#include <string>
#include <string_view>

namespace stackctl::engine {

enum class error_kind {
  invalid,       // 400 and other 4xx
  unauthorized,  // 401
  forbidden,     // 403
  not_found,     // 404
  conflict,      // 409
  not_modified,  // 304 where it is not success
  unavailable,   // 503
  server,        // 500 and other 5xx
  connection,    // the daemon could not be reached / the connection dropped
  version,       // a request needs a newer API version than the negotiated one
  stream,        // an error reported inside a 200 stream (pull, import, logs stream 3)
  cancelled,     // the caller cancelled a stream
};

std::string_view to_string(error_kind kind);

// Maps an HTTP status to a kind (304 → not_modified, 4xx → invalid unless listed, 5xx → server).
error_kind error_kind_from_status(long status);

class engine_error : public std::runtime_error {
 public:
  engine_error(error_kind kind, std::string message, long status = 0, std::string method = {}, std::string path = {});

  error_kind kind() const noexcept { return kind_; }
  long status() const noexcept { return status_; }                  // 0 when no HTTP status applies
  const std::string& message() const noexcept { return message_; }  // the daemon's own text
  const std::string& method() const noexcept { return method_; }
  const std::string& path() const noexcept { return path_; }

 private:
  error_kind kind_;
  long status_;
  std::string message_;
  std::string method_;
  std::string path_;
};

}  // namespace stackctl::engine
