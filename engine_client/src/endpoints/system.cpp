// /_ping, /version, /info.
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "endpoints/endpoints.hpp"

namespace stackctl::engine::detail {

ping_result system_endpoints::ping() {
  const http_response response = core_.ping();
  ping_result result;
  if (const std::string* text = response.header("api-version"); text != nullptr && !text->empty()) {
    try {
      result.api_version = engine::api_version::parse(*text);
    } catch (const std::invalid_argument&) {
      // An unparsable header is reported as missing; negotiation reports it properly.
    }
  }
  if (const std::string* text = response.header("ostype")) result.os_type = *text;
  if (const std::string* text = response.header("docker-experimental")) result.experimental = *text == "true";
  if (const std::string* text = response.header("builder-version")) result.builder_version = *text;
  if (const std::string* text = response.header("swarm")) result.swarm = *text;
  return result;
}

version_info system_endpoints::version() {
  return core_.send_json(core_.request("GET", "/version")).get<version_info>();
}

system_info system_endpoints::info() { return core_.send_json(core_.request("GET", "/info")).get<system_info>(); }

}  // namespace stackctl::engine::detail
