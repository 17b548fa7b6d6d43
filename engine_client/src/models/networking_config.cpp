#include "stackctl/engine/networking_config.hpp"

#include <fmt/format.h>

#include "json_util.hpp"

namespace stackctl::engine {

using detail::put;
using detail::put_nonempty;
using detail::require_version;

nlohmann::json to_json(const endpoint_settings& value, api_version version) {
  nlohmann::json j = nlohmann::json::object();
  if (value.ipam_config) {
    nlohmann::json ipam = nlohmann::json::object();
    put(ipam, "IPv4Address", value.ipam_config->ipv4_address);
    put(ipam, "IPv6Address", value.ipam_config->ipv6_address);
    put_nonempty(ipam, "LinkLocalIPs", value.ipam_config->link_local_ips);
    j["IPAMConfig"] = std::move(ipam);
  }
  put_nonempty(j, "Links", value.links);
  put_nonempty(j, "Aliases", value.aliases);
  put_nonempty(j, "DriverOpts", value.driver_opts);
  if (value.mac_address) {
    require_version(version, {1, 44}, "EndpointSettings.MacAddress");
    j["MacAddress"] = *value.mac_address;
  }
  if (!value.dns_names.empty()) {
    require_version(version, {1, 44}, "EndpointSettings.DNSNames");
    j["DNSNames"] = value.dns_names;
  }
  return j;
}

nlohmann::json to_json(const networking_config& value, api_version version) {
  nlohmann::json j = nlohmann::json::object();
  if (value.endpoints.empty()) return j;
  if (value.endpoints.size() > 1) {
    // The 1.41 daemon rejects this with a 400; say why before sending.
    require_version(version, {1, 44}, fmt::format("NetworkingConfig with {} networks", value.endpoints.size()));
  }
  nlohmann::json endpoints = nlohmann::json::object();
  for (const auto& [network, settings] : value.endpoints) {
    endpoints[network] = to_json(settings, version);
  }
  j["EndpointsConfig"] = std::move(endpoints);
  return j;
}

}  // namespace stackctl::engine
