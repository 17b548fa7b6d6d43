// /images: inspect, list, tag, remove.
#include <nlohmann/json.hpp>

#include "endpoints/endpoints.hpp"
#include "request_util.hpp"

namespace stackctl::engine::detail {

image_inspect image_endpoints::inspect(std::string_view reference) {
  return core_.send_json(core_.request("GET", "/images/" + escape_path(reference, true) + "/json"))
      .get<image_inspect>();
}

std::vector<image_summary> image_endpoints::list(const filters& filter, bool all) {
  query q;
  if (all) q.add_bool("all", true);
  if (!filter.empty()) q.add("filters", filter.to_json_string());
  return core_.send_json(core_.request("GET", "/images/json" + q.str())).get<std::vector<image_summary>>();
}

void image_endpoints::tag(std::string_view source, std::string_view repo, std::string_view tag) {
  query q;
  q.add("repo", repo);
  if (!tag.empty()) q.add("tag", tag);
  core_.send(core_.request("POST", "/images/" + escape_path(source, true) + "/tag" + q.str()));
}

std::vector<image_delete_item> image_endpoints::remove(std::string_view reference, bool force, bool noprune) {
  query q;
  if (force) q.add_bool("force", true);
  if (noprune) q.add_bool("noprune", true);
  return core_.send_json(core_.request("DELETE", "/images/" + escape_path(reference, true) + q.str()))
      .get<std::vector<image_delete_item>>();
}

}  // namespace stackctl::engine::detail
