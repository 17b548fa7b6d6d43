#include "stackctl/engine/docker_host.hpp"

#include <charconv>

#include <fmt/format.h>

#include "stackctl/engine/error.hpp"

namespace stackctl::engine {

namespace {

[[noreturn]] void fail(std::string message) { throw engine_error(error_kind::connection, std::move(message)); }

bool starts_with(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

int parse_port(std::string_view digits, std::string_view whole) {
  int port = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), port);
  if (digits.empty() || ec != std::errc{} || end != digits.data() + digits.size() || port <= 0 || port > 65535) {
    fail(fmt::format("invalid DOCKER_HOST \"{}\": bad port \"{}\"", whole, digits));
  }
  return port;
}

docker_host parse_tcp(std::string_view rest, std::string_view whole, bool tls) {
  docker_host host;
  host.kind = docker_host::transport_kind::tcp;
  host.tls = tls;
  const auto slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  if (slash != std::string_view::npos) {
    std::string_view base = rest.substr(slash);
    while (!base.empty() && base.back() == '/') base.remove_suffix(1);
    host.base_path = std::string(base);
  }
  if (authority.find('@') != std::string_view::npos) {
    fail(fmt::format("invalid DOCKER_HOST \"{}\": user information is not supported for tcp", whole));
  }
  std::string_view port_text;
  if (starts_with(authority, "[")) {  // [v6]:port
    const auto close = authority.find(']');
    if (close == std::string_view::npos) fail(fmt::format("invalid DOCKER_HOST \"{}\": unclosed '['", whole));
    host.hostname = std::string(authority.substr(0, close + 1));
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') fail(fmt::format("invalid DOCKER_HOST \"{}\"", whole));
      port_text = after.substr(1);
      if (port_text.empty()) fail(fmt::format("invalid DOCKER_HOST \"{}\": empty port", whole));
    }
  } else {
    const auto colon = authority.rfind(':');
    host.hostname = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) {
      port_text = authority.substr(colon + 1);
      if (port_text.empty()) fail(fmt::format("invalid DOCKER_HOST \"{}\": empty port", whole));
    }
  }
  // Like docker/cli, an empty host means localhost.
  if (host.hostname.empty()) host.hostname = "127.0.0.1";
  host.port = port_text.empty() ? (tls ? 2376 : 2375) : parse_port(port_text, whole);
  return host;
}

}  // namespace

docker_host parse_docker_host(std::string_view text, bool tls) {
  // Surrounding whitespace is a common copy-paste accident in env files.
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\n')) text.remove_suffix(1);
  if (text.empty()) text = kDefaultDockerHost;

  const auto sep = text.find("://");
  if (sep == std::string_view::npos) {
    fail(fmt::format("invalid DOCKER_HOST \"{}\": expected unix:///path or tcp://host:port", text));
  }
  const std::string_view scheme = text.substr(0, sep);
  const std::string_view rest = text.substr(sep + 3);

  if (scheme == "unix") {
    if (rest.empty() || rest.front() != '/') {
      fail(fmt::format("invalid DOCKER_HOST \"{}\": a unix socket needs an absolute path (unix:///path)", text));
    }
    if (rest.size() > 107) {  // sun_path holds 108 bytes including the NUL
      fail(fmt::format("invalid DOCKER_HOST \"{}\": socket path longer than 107 bytes", text));
    }
    docker_host host;
    host.socket_path = std::string(rest);
    return host;
  }
  if (scheme == "tcp" || scheme == "http") return parse_tcp(rest, text, tls);
  if (scheme == "https") return parse_tcp(rest, text, true);
  if (scheme == "ssh") {
    fail(
        fmt::format("DOCKER_HOST \"{}\": ssh:// is not supported by stackctl; forward the socket instead, e.g. "
                    "`ssh -NL /tmp/docker.sock:/var/run/docker.sock host` and set DOCKER_HOST=unix:///tmp/docker.sock",
                    text));
  }
  if (scheme == "npipe") {
    fail(fmt::format("DOCKER_HOST \"{}\": npipe:// (Windows named pipes) is not supported; use tcp:// or unix://",
                     text));
  }
  if (scheme == "fd") {
    fail(fmt::format("DOCKER_HOST \"{}\": fd:// is a daemon listen address, not something a client can connect to",
                     text));
  }
  fail(fmt::format("invalid DOCKER_HOST \"{}\": unsupported scheme \"{}\" (use unix:// or tcp://)", text, scheme));
}

std::string docker_host::to_string() const {
  if (kind == transport_kind::unix_socket) return "unix://" + socket_path;
  return fmt::format("tcp://{}:{}{}", hostname, port, base_path);
}

std::string docker_host::url_prefix() const {
  if (kind == transport_kind::unix_socket) return "http://api.moby.localhost";
  return fmt::format("{}://{}:{}{}", tls ? "https" : "http", hostname, port, base_path);
}

}  // namespace stackctl::engine
