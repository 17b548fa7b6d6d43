#include "stackctl/engine/error.hpp"

#include <utility>

namespace stackctl::engine {

std::string_view to_string(error_kind kind) {
  switch (kind) {
    case error_kind::invalid: return "invalid";
    case error_kind::unauthorized: return "unauthorized";
    case error_kind::forbidden: return "forbidden";
    case error_kind::not_found: return "not_found";
    case error_kind::conflict: return "conflict";
    case error_kind::not_modified: return "not_modified";
    case error_kind::unavailable: return "unavailable";
    case error_kind::server: return "server";
    case error_kind::connection: return "connection";
    case error_kind::version: return "version";
    case error_kind::stream: return "stream";
    case error_kind::cancelled: return "cancelled";
  }
  return "unknown";
}

error_kind error_kind_from_status(long status) {
  switch (status) {
    case 304: return error_kind::not_modified;
    case 400: return error_kind::invalid;
    case 401: return error_kind::unauthorized;
    case 403: return error_kind::forbidden;
    case 404: return error_kind::not_found;
    case 409: return error_kind::conflict;
    case 503: return error_kind::unavailable;
    default: break;
  }
  if (status >= 400 && status < 500) return error_kind::invalid;
  return error_kind::server;
}

engine_error::engine_error(error_kind kind, std::string message, long status, std::string method, std::string path)
    : std::runtime_error(message),
      kind_(kind),
      status_(status),
      message_(std::move(message)),
      method_(std::move(method)),
      path_(std::move(path)) {}

}  // namespace stackctl::engine
