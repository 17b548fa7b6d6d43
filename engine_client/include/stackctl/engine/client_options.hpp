#pragma once
// How to reach the daemon: host, TLS material, a pinned API version and timeouts. from_env()
// reads DOCKER_HOST, DOCKER_API_VERSION, DOCKER_CERT_PATH and DOCKER_TLS_VERIFY the way the Go
// client's FromEnv does.
#include <chrono>
#include <optional>
#include <string>

#include "stackctl/engine/api_version.hpp"

namespace stackctl::engine {

struct tls_options {
  std::string ca_file;    // CURLOPT_CAINFO; empty → the system store
  std::string cert_file;  // client certificate (PEM); empty → none
  std::string key_file;   // its key (PEM)
  bool verify = true;     // verify the daemon's certificate and host name
};

struct client_options {
  // A DOCKER_HOST-style address; empty means unix:///var/run/docker.sock.
  std::string host;
  // Set → this version is used as is and no ping is made (DOCKER_API_VERSION).
  std::optional<api_version> pinned_version;
  // Set → talk TLS (tcp hosts only).
  std::optional<tls_options> tls;
  std::chrono::milliseconds connect_timeout{std::chrono::seconds{10}};
  // Total time allowed for a short call (inspect, list, create, ...). Streams (logs follow,
  // events, wait, pull, import) have no total timeout; stop/restart add their own grace period.
  std::chrono::milliseconds request_timeout{std::chrono::seconds{60}};

  // DOCKER_HOST → host; DOCKER_API_VERSION → pinned_version (invalid text →
  // engine_error(version)); DOCKER_CERT_PATH set → tls with <dir>/ca.pem, cert.pem, key.pem and
  // verify = DOCKER_TLS_VERIFY non-empty; DOCKER_TLS_VERIFY alone → tls with ~/.docker/*.pem
  // (docker-py's rule) and verify on.
  static client_options from_env();
};

}  // namespace stackctl::engine
