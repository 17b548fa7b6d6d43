#pragma once
// The Docker Engine API client. Owns the transport for the daemon's address (plain POSIX sockets
// for unix://; for tcp:// and TLS libcurl, which is never linked: the first client made for a tcp
// host dlopen()s it, once per process) and hands out the grouped interfaces (moby's interface.go
// style):
//
//   stackctl::engine::client docker;                 // options from DOCKER_HOST & co.
//   docker.system().ping();
//   auto id = docker.containers().create(request, "demo-web-1").id;
//   docker.containers().start(id);
//
// Thread-safe: every call takes an idle connection from the transport's small pool (or makes one)
// and returns it afterwards, so connections are kept alive and none is used by two threads. Long
// streams (logs follow, events, wait, pull, import) hold their own connection while they run.
#include <memory>

#include "stackctl/engine/api_version.hpp"
#include "stackctl/engine/client_options.hpp"
#include "stackctl/engine/container_api.hpp"
#include "stackctl/engine/docker_host.hpp"
#include "stackctl/engine/event_api.hpp"
#include "stackctl/engine/exec_api.hpp"
#include "stackctl/engine/image_api.hpp"
#include "stackctl/engine/network_api.hpp"
#include "stackctl/engine/system_api.hpp"
#include "stackctl/engine/volume_api.hpp"

namespace stackctl::engine {

class client {
 public:
  // Parses options.host (engine_error(connection) for unsupported forms) and, for a tcp host,
  // loads libcurl (engine_error(connection) when it cannot be loaded). Makes no request.
  explicit client(client_options options = client_options::from_env());
  ~client();
  client(client&&) noexcept;
  client& operator=(client&&) noexcept;
  client(const client&) = delete;
  client& operator=(const client&) = delete;

  system_api& system();
  container_api& containers();
  exec_api& execs();
  network_api& networks();
  volume_api& volumes();
  image_api& images();
  event_api& events();

  // The pinned version, or min(kMaxApiVersion, daemon) after one ping (made on first use,
  // thread-safe, retried after a failure). Below kMinApiVersion → engine_error(version).
  api_version negotiated_version();

  const docker_host& host() const;
  const client_options& options() const;

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace stackctl::engine
