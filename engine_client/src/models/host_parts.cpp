// JSON for the small unversioned HostConfig parts: restart policy, port binding, device request,
// ulimit, log config.
#include "json_util.hpp"
#include "stackctl/engine/device_request.hpp"
#include "stackctl/engine/log_config.hpp"
#include "stackctl/engine/port_binding.hpp"
#include "stackctl/engine/restart_policy.hpp"
#include "stackctl/engine/ulimit.hpp"

namespace stackctl::engine {

using detail::get;
using detail::put;
using detail::put_nonempty;

void to_json(nlohmann::json& j, const restart_policy& value) {
  j = nlohmann::json::object();
  j["Name"] = value.name;
  put(j, "MaximumRetryCount", value.maximum_retry_count);
}

void from_json(const nlohmann::json& j, restart_policy& value) {
  value = restart_policy{};
  get(j, "Name", value.name);
  get(j, "MaximumRetryCount", value.maximum_retry_count);
}

void to_json(nlohmann::json& j, const port_binding& value) {
  j = nlohmann::json::object();
  put_nonempty(j, "HostIp", value.host_ip);
  put_nonempty(j, "HostPort", value.host_port);
}

void from_json(const nlohmann::json& j, port_binding& value) {
  value = port_binding{};
  get(j, "HostIp", value.host_ip);
  get(j, "HostPort", value.host_port);
}

void to_json(nlohmann::json& j, const device_request& value) {
  j = nlohmann::json::object();
  put_nonempty(j, "Driver", value.driver);
  put(j, "Count", value.count);
  put_nonempty(j, "DeviceIDs", value.device_ids);
  put_nonempty(j, "Capabilities", value.capabilities);
  put_nonempty(j, "Options", value.options);
}

void from_json(const nlohmann::json& j, device_request& value) {
  value = device_request{};
  get(j, "Driver", value.driver);
  get(j, "Count", value.count);
  get(j, "DeviceIDs", value.device_ids);
  get(j, "Capabilities", value.capabilities);
  get(j, "Options", value.options);
}

void to_json(nlohmann::json& j, const ulimit& value) {
  j = nlohmann::json{{"Name", value.name}, {"Soft", value.soft}, {"Hard", value.hard}};
}

void from_json(const nlohmann::json& j, ulimit& value) {
  value = ulimit{};
  get(j, "Name", value.name);
  get(j, "Soft", value.soft);
  get(j, "Hard", value.hard);
}

void to_json(nlohmann::json& j, const log_config& value) {
  j = nlohmann::json::object();
  j["Type"] = value.type;
  put_nonempty(j, "Config", value.config);
}

void from_json(const nlohmann::json& j, log_config& value) {
  value = log_config{};
  get(j, "Type", value.type);
  get(j, "Config", value.config);
}

}  // namespace stackctl::engine
