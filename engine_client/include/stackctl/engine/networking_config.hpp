#pragma once
// NetworkingConfig of a create request, and the EndpointConfig body of POST /networks/{id}/connect.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "stackctl/engine/api_version.hpp"

namespace stackctl::engine {

struct endpoint_ipam_config {
  std::optional<std::string> ipv4_address;
  std::optional<std::string> ipv6_address;
  std::vector<std::string> link_local_ips;
  friend bool operator==(const endpoint_ipam_config&, const endpoint_ipam_config&) = default;
};

struct endpoint_settings {
  std::vector<std::string> aliases;  // DNS aliases on this network (compose: the service name)
  std::optional<endpoint_ipam_config> ipam_config;
  std::vector<std::string> links;
  std::map<std::string, std::string> driver_opts;
  std::optional<std::string> mac_address;  // 1.44 (connect honours it only from 1.54)
  std::vector<std::string> dns_names;      // 1.44; the daemon computes these, sending has no effect
  friend bool operator==(const endpoint_settings&, const endpoint_settings&) = default;
};

struct networking_config {
  // Network name or id → endpoint. More than one entry needs API 1.44; below it, create with one
  // and connect the others before start.
  std::map<std::string, endpoint_settings> endpoints;
  friend bool operator==(const networking_config&, const networking_config&) = default;
};

// Versioned: throw engine_error(version) for a set field newer than `version`.
nlohmann::json to_json(const endpoint_settings& value, api_version version);
nlohmann::json to_json(const networking_config& value, api_version version);

}  // namespace stackctl::engine
