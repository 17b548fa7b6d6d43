#pragma once
// How the client moves one HTTP exchange to the daemon. Two implementations: the unix socket
// (the common case, written on plain sockets so the process never loads libcurl and its thirty
// libraries for it) and tcp/TLS (libcurl, loaded on first use). Private to the engine client.
#include <chrono>
#include <memory>
#include <optional>

#include "stackctl/engine/client_options.hpp"
#include "stackctl/engine/docker_host.hpp"
#include "stackctl/engine/hijacked_stream.hpp"
#include "transport/http_message.hpp"

namespace stackctl::engine::detail {

class transport {
 public:
  virtual ~transport() = default;

  // Performs one exchange. Returns whatever status the daemon sent (mapping it to errors is the
  // caller's job) or with `cancelled` set. Throws engine_error(connection) when the daemon cannot
  // be reached, the connection drops or the request's timeout passes, and rethrows what
  // on_body/body_reader threw.
  virtual http_response perform(const http_request& request) = 0;

  // Sends `request` with `Connection: Upgrade` / `Upgrade: tcp` on a connection of its own and,
  // when the daemon switches protocols (101, or a 2xx raw stream from an older daemon), returns
  // that connection as a stream. Otherwise returns nullptr with the reply in `response`.
  // The tcp/TLS transport does not implement it yet: engine_error(connection) naming the reason.
  virtual std::unique_ptr<hijacked_stream> upgrade(const http_request& request, http_response& response);
};

// The transport for `host`: unix sockets get the socket transport, tcp the libcurl one.
std::unique_ptr<transport> make_transport(const docker_host& host, const std::optional<tls_options>& tls,
                                          std::chrono::milliseconds connect_timeout);

}  // namespace stackctl::engine::detail
