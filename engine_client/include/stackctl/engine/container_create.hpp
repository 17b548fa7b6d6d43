#pragma once
// POST /containers/create: the body is container_config with HostConfig and NetworkingConfig
// members added; the 201 reply is {"Id", "Warnings"}.
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "stackctl/engine/api_version.hpp"
#include "stackctl/engine/container_config.hpp"
#include "stackctl/engine/host_config.hpp"
#include "stackctl/engine/networking_config.hpp"

namespace stackctl::engine {

struct container_create_request {
  container_config config;
  host_config host;
  networking_config networking;
  friend bool operator==(const container_create_request&, const container_create_request&) = default;
};

struct container_create_response {
  std::string id;
  std::vector<std::string> warnings;
};

// Versioned: throws engine_error(version) for a set field newer than `version`. An empty request
// serializes to {} (HostConfig/NetworkingConfig are left out when nothing in them is set).
nlohmann::json to_json(const container_create_request& value, api_version version);
void from_json(const nlohmann::json& j, container_create_response& value);

}  // namespace stackctl::engine
