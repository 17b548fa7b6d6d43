// /networks: create, inspect, list, remove, connect, disconnect.
#include <string>

#include <nlohmann/json.hpp>

#include "endpoints/endpoints.hpp"
#include "request_util.hpp"

namespace stackctl::engine::detail {

network_create_response network_endpoints::create(const network_create_request& request) {
  const nlohmann::json body = to_json(request, core_.version());
  http_request http = core_.request("POST", "/networks/create");
  set_json_body(http, body);
  return core_.send_json(http).get<network_create_response>();
}

network_inspect network_endpoints::inspect(std::string_view id_or_name) {
  return core_.send_json(core_.request("GET", "/networks/" + escape_path(id_or_name))).get<network_inspect>();
}

std::vector<network_inspect> network_endpoints::list(const filters& filter) {
  query q;
  if (!filter.empty()) q.add("filters", filter.to_json_string());
  return core_.send_json(core_.request("GET", "/networks" + q.str())).get<std::vector<network_inspect>>();
}

void network_endpoints::remove(std::string_view id_or_name) {
  core_.send(core_.request("DELETE", "/networks/" + escape_path(id_or_name)));
}

void network_endpoints::connect(std::string_view network, std::string_view container,
                                const endpoint_settings& endpoint) {
  nlohmann::json body = {{"Container", std::string(container)}};
  nlohmann::json config = to_json(endpoint, core_.version());
  if (!config.is_null() && !config.empty()) body["EndpointConfig"] = std::move(config);
  http_request http = core_.request("POST", "/networks/" + escape_path(network) + "/connect");
  set_json_body(http, body);
  core_.send(http);
}

void network_endpoints::disconnect(std::string_view network, std::string_view container, bool force) {
  const nlohmann::json body = {{"Container", std::string(container)}, {"Force", force}};
  http_request http = core_.request("POST", "/networks/" + escape_path(network) + "/disconnect");
  set_json_body(http, body);
  core_.send(http);
}

}  // namespace stackctl::engine::detail
