// inspect and list.
#include <string>

#include <nlohmann/json.hpp>

#include "endpoints/endpoints.hpp"
#include "request_util.hpp"

namespace stackctl::engine::detail {

container_inspect container_endpoints::inspect(std::string_view id) {
  return core_.send_json(core_.request("GET", "/containers/" + escape_path(id) + "/json")).get<container_inspect>();
}

std::vector<container_summary> container_endpoints::list(const container_list_options& options) {
  query q;
  if (options.all) q.add_bool("all", true);
  if (options.limit) q.add("limit", std::to_string(*options.limit));
  if (options.size) q.add_bool("size", true);
  if (!options.filters.empty()) q.add("filters", options.filters.to_json_string());
  return core_.send_json(core_.request("GET", "/containers/json" + q.str())).get<std::vector<container_summary>>();
}

}  // namespace stackctl::engine::detail
