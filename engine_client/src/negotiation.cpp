#include "stackctl/engine/negotiation.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "stackctl/engine/error.hpp"

namespace stackctl::engine {

api_version negotiate_api_version(std::optional<api_version> daemon_version, std::optional<api_version> pinned) {
  if (pinned) {
    if (*pinned < kMinApiVersion) {
      throw engine_error(error_kind::version,
                         fmt::format("API version {} (DOCKER_API_VERSION) is older than the oldest "
                                     "version stackctl supports, {}",
                                     pinned->to_string(), kMinApiVersion.to_string()));
    }
    return *pinned;
  }
  const api_version daemon = daemon_version.value_or(api_version{1, 24});
  if (daemon < kMinApiVersion) {
    throw engine_error(error_kind::version,
                       fmt::format("the Docker daemon speaks API {}, but stackctl needs at least {} "
                                   "(Docker Engine 19.03 or newer); upgrade the daemon",
                                   daemon.to_string(), kMinApiVersion.to_string()));
  }
  return std::min(daemon, kMaxApiVersion);
}

}  // namespace stackctl::engine
