#include "stackctl/engine/container_create.hpp"

#include "json_util.hpp"

namespace stackctl::engine {

nlohmann::json to_json(const container_create_request& value, api_version version) {
  nlohmann::json j = to_json(value.config, version);
  nlohmann::json host = to_json(value.host, version);
  if (!host.empty()) j["HostConfig"] = std::move(host);
  nlohmann::json networking = to_json(value.networking, version);
  if (!networking.empty()) j["NetworkingConfig"] = std::move(networking);
  return j;
}

void from_json(const nlohmann::json& j, container_create_response& value) {
  value = container_create_response{};
  detail::get(j, "Id", value.id);
  detail::get(j, "Warnings", value.warnings);
}

}  // namespace stackctl::engine
