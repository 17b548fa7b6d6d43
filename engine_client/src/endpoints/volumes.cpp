// /volumes: create, inspect, list, remove.
#include <nlohmann/json.hpp>

#include "endpoints/endpoints.hpp"
#include "request_util.hpp"

namespace stackctl::engine::detail {

volume volume_endpoints::create(const volume_create_request& request) {
  const nlohmann::json body = to_json(request, core_.version());
  http_request http = core_.request("POST", "/volumes/create");
  set_json_body(http, body);
  return core_.send_json(http).get<volume>();
}

volume volume_endpoints::inspect(std::string_view name) {
  return core_.send_json(core_.request("GET", "/volumes/" + escape_path(name))).get<volume>();
}

volume_list volume_endpoints::list(const filters& filter) {
  query q;
  if (!filter.empty()) q.add("filters", filter.to_json_string());
  return core_.send_json(core_.request("GET", "/volumes" + q.str())).get<volume_list>();
}

void volume_endpoints::remove(std::string_view name, bool force) {
  query q;
  if (force) q.add_bool("force", true);
  core_.send(core_.request("DELETE", "/volumes/" + escape_path(name) + q.str()));
}

}  // namespace stackctl::engine::detail
