#include <nlohmann/json.hpp>

#include "endpoints/endpoints.hpp"
#include "request_util.hpp"

namespace stackctl::engine::detail {

container_create_response container_endpoints::create(const container_create_request& request, std::string_view name) {
  query q;
  if (!name.empty()) q.add("name", name);
  // Serialize first: a field too new for the daemon fails before anything is sent.
  const nlohmann::json body = to_json(request, core_.version());
  http_request http = core_.request("POST", "/containers/create" + q.str());
  set_json_body(http, body);
  return core_.send_json(http).get<container_create_response>();
}

}  // namespace stackctl::engine::detail
