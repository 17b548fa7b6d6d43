#pragma once
// What every endpoint shares: the transport, the options and the negotiated API version.
// Private to the engine client.
#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include <memory>
#include "stackctl/engine/api_version.hpp"
#include "stackctl/engine/client_options.hpp"

#include "stackctl/engine/docker_host.hpp"
#include "transport/transport.hpp"

namespace stackctl::engine::detail {

class client_core {
 public:
  explicit client_core(client_options options);

  const client_options& options() const noexcept { return options_; }
  const docker_host& host() const noexcept { return host_; }

  // Pinned version, or ping once (single-flight under a mutex) and negotiate. A failed ping is
  // not cached: the next call tries again.
  api_version version();

  // Unversioned HEAD /_ping, falling back to GET. Returns the response of the ping that
  // answered (its headers carry Api-Version, OSType, ...); throws when neither did.
  http_response ping();

  // A request for "/v<negotiated><endpoint>" with the short-call timeout.
  http_request request(std::string method, std::string_view endpoint);

  // Performs the request. Non-2xx responses (and 304 unless `not_modified_ok`) become
  // engine_error via http_error; a cancelled transfer is returned with `cancelled` set.
  http_response send(const http_request& request, bool not_modified_ok = false);

  // Performs an upgraded request (transport::upgrade). A reply that does not switch protocols
  // becomes engine_error via http_error, as send() does.
  std::unique_ptr<hijacked_stream> upgrade(const http_request& request);

  // send() and parse the body as JSON; a body that is not JSON → engine_error(server).
  nlohmann::json send_json(const http_request& request);

 private:
  client_options options_;
  docker_host host_;
  std::unique_ptr<transport> transport_;
  std::mutex version_mutex_;
  std::optional<api_version> version_;
};

// The request body as JSON (Content-Type: application/json).
void set_json_body(http_request& request, const nlohmann::json& body);

}  // namespace stackctl::engine::detail
