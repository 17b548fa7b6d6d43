#include "stackctl/engine/network.hpp"

#include "json_util.hpp"

namespace stackctl::engine {

using detail::get;
using detail::put;
using detail::put_nonempty;

nlohmann::json to_json(const network_create_request& value, api_version /*version*/) {
  // Nothing modelled here is newer than 1.40 (EnableIPv4 is 1.48, past kMaxApiVersion).
  nlohmann::json j = nlohmann::json::object();
  j["Name"] = value.name;
  put(j, "CheckDuplicate", value.check_duplicate);
  put(j, "Driver", value.driver);
  put(j, "Scope", value.scope);
  put(j, "Internal", value.internal);
  put(j, "Attachable", value.attachable);
  put(j, "Ingress", value.ingress);
  put(j, "EnableIPv6", value.enable_ipv6);
  if (value.ipam) {
    nlohmann::json o = nlohmann::json::object();
    put(o, "Driver", value.ipam->driver);
    if (!value.ipam->config.empty()) {
      nlohmann::json pools = nlohmann::json::array();
      for (const auto& p : value.ipam->config) {
        nlohmann::json pool = nlohmann::json::object();
        put(pool, "Subnet", p.subnet);
        put(pool, "IPRange", p.ip_range);
        put(pool, "Gateway", p.gateway);
        put_nonempty(pool, "AuxiliaryAddresses", p.aux_addresses);
        pools.push_back(std::move(pool));
      }
      o["Config"] = std::move(pools);
    }
    put_nonempty(o, "Options", value.ipam->options);
    j["IPAM"] = std::move(o);
  }
  put_nonempty(j, "Options", value.options);
  put_nonempty(j, "Labels", value.labels);
  return j;
}

void from_json(const nlohmann::json& j, ipam_pool& value) {
  value = ipam_pool{};
  get(j, "Subnet", value.subnet);
  get(j, "IPRange", value.ip_range);
  get(j, "Gateway", value.gateway);
  get(j, "AuxiliaryAddresses", value.aux_addresses);
}

void from_json(const nlohmann::json& j, ipam& value) {
  value = ipam{};
  get(j, "Driver", value.driver);
  get(j, "Config", value.config);
  get(j, "Options", value.options);
}

void from_json(const nlohmann::json& j, network_create_response& value) {
  value = network_create_response{};
  get(j, "Id", value.id);
  get(j, "Warning", value.warning);
}

void from_json(const nlohmann::json& j, network_container& value) {
  value = network_container{};
  get(j, "Name", value.name);
  get(j, "EndpointID", value.endpoint_id);
  get(j, "MacAddress", value.mac_address);
  get(j, "IPv4Address", value.ipv4_address);
  get(j, "IPv6Address", value.ipv6_address);
}

void from_json(const nlohmann::json& j, network_inspect& value) {
  value = network_inspect{};
  get(j, "Name", value.name);
  get(j, "Id", value.id);
  get(j, "Created", value.created);
  get(j, "Scope", value.scope);
  get(j, "Driver", value.driver);
  get(j, "EnableIPv6", value.enable_ipv6);
  get(j, "Internal", value.internal);
  get(j, "Attachable", value.attachable);
  get(j, "Ingress", value.ingress);
  get(j, "IPAM", value.ipam);
  get(j, "Containers", value.containers);
  get(j, "Options", value.options);
  get(j, "Labels", value.labels);
}

}  // namespace stackctl::engine
