#include "transport/transport.hpp"

#include "transport/curl_transport.hpp"
#include "transport/unix_socket_transport.hpp"

namespace stackctl::engine::detail {

std::unique_ptr<transport> make_transport(const docker_host& host, const std::optional<tls_options>& tls,
                                          std::chrono::milliseconds connect_timeout) {
  if (host.kind == docker_host::transport_kind::unix_socket)
    return std::make_unique<unix_socket_transport>(host, connect_timeout);
  return std::make_unique<curl_transport>(host, tls, connect_timeout);
}

}  // namespace stackctl::engine::detail
