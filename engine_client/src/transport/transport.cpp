#include "transport/transport.hpp"

#include "stackctl/engine/error.hpp"
#include "transport/connection_errors.hpp"
#include "transport/curl_transport.hpp"
#include "transport/unix_socket_transport.hpp"

namespace stackctl::engine::detail {

std::unique_ptr<hijacked_stream> transport::upgrade(const http_request& request, http_response&) {
  throw engine_error(error_kind::connection,
                     "interactive streams (exec, attach) need a unix-socket DOCKER_HOST for now; over tcp/TLS use "
                     "`-d` or run stackctl on the engine's host",
                     0, request.method, path_of(request));
}

std::unique_ptr<transport> make_transport(const docker_host& host, const std::optional<tls_options>& tls,
                                          std::chrono::milliseconds connect_timeout) {
  if (host.kind == docker_host::transport_kind::unix_socket)
    return std::make_unique<unix_socket_transport>(host, connect_timeout);
  return std::make_unique<curl_transport>(host, tls, connect_timeout);
}

}  // namespace stackctl::engine::detail
