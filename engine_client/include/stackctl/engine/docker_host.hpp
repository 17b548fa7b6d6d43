#pragma once
// Where the daemon listens, parsed from a DOCKER_HOST value: unix://path, tcp://host:port[/base]
// or https://host:port[/base]. ssh:// and npipe:// are refused with a hint (libcurl cannot
// speak HTTP over an ssh child's stdio or a Windows named pipe).
#include <string>
#include <string_view>

namespace stackctl::engine {

inline constexpr std::string_view kDefaultDockerHost = "unix:///var/run/docker.sock";

struct docker_host {
  enum class transport_kind { unix_socket, tcp };

  transport_kind kind = transport_kind::unix_socket;
  std::string socket_path = "/var/run/docker.sock";  // unix only
  std::string hostname;                              // tcp only ("127.0.0.1", "[::1]")
  int port = 0;                                      // tcp only
  std::string base_path;                             // tcp only: "" or "/base" (no trailing '/')
  bool tls = false;                                  // https:// or tcp:// with TLS options

  // The canonical form: "unix:///var/run/docker.sock", "tcp://host:2376/base".
  std::string to_string() const;
  // The URL prefix every request starts with. Unix sockets use one constant host name so libcurl
  // reuses the connection (its cache matches on the URL host) and the socket path never becomes
  // the Host header.
  std::string url_prefix() const;
};

// Empty text means the default (unix:///var/run/docker.sock). A missing tcp port becomes 2375,
// or 2376 when `tls` is true or the scheme is https. Throws engine_error(connection) for
// unsupported schemes and malformed values.
docker_host parse_docker_host(std::string_view text, bool tls = false);

}  // namespace stackctl::engine
