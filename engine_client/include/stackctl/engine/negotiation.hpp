#pragma once
// API version negotiation as a pure function, so the rule is testable without a daemon.
#include <optional>

#include "stackctl/engine/api_version.hpp"

namespace stackctl::engine {

// The version the client speaks:
//   pinned set (DOCKER_API_VERSION)  → pinned, unless older than kMinApiVersion;
//   otherwise min(kMaxApiVersion, daemon_version), where a daemon that sent no Api-Version
//   header counts as 1.24 (the Go client's rule).
// Anything below kMinApiVersion throws engine_error(version) naming both versions.
api_version negotiate_api_version(std::optional<api_version> daemon_version,
                                  std::optional<api_version> pinned = std::nullopt);

}  // namespace stackctl::engine
