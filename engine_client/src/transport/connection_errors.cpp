#include "transport/connection_errors.hpp"

#include <cerrno>

#include <fmt/format.h>

namespace stackctl::engine::detail {

std::string path_of(const http_request& request) { return request.target.substr(0, request.target.find('?')); }

engine_error cannot_connect(std::string_view where, int os_errno, const http_request& request) {
  if (os_errno == EACCES || os_errno == EPERM) {
    return engine_error(error_kind::connection,
                        fmt::format("permission denied while trying to connect to the Docker daemon at {} — add "
                                    "your user to the docker group (and log in again) or run as root",
                                    where),
                        0, request.method, path_of(request));
  }
  return engine_error(error_kind::connection,
                      fmt::format("cannot connect to the Docker daemon at {} — is it running?", where), 0,
                      request.method, path_of(request));
}

engine_error connection_lost(std::string_view where, const http_request& request, std::string_view detail) {
  return engine_error(error_kind::connection,
                      fmt::format("the connection to the Docker daemon at {} was lost during {} {}: {}", where,
                                  request.method, path_of(request), detail),
                      0, request.method, path_of(request));
}

engine_error timed_out(std::string_view where, const http_request& request, bool got_status, std::string_view detail) {
  const std::string path = path_of(request);
  if (!got_status) {
    return engine_error(
        error_kind::connection,
        fmt::format("timed out talking to the Docker daemon at {} ({} {}): {}", where, request.method, path, detail), 0,
        request.method, path);
  }
  return engine_error(error_kind::connection,
                      fmt::format("the Docker daemon did not finish {} {} in time: {}", request.method, path, detail),
                      0, request.method, path);
}

}  // namespace stackctl::engine::detail
