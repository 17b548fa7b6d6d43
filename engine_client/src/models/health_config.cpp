#include "stackctl/engine/health_config.hpp"

#include "json_util.hpp"

namespace stackctl::engine {

using detail::get;
using detail::put;

nlohmann::json to_json(const health_config& value, api_version version) {
  nlohmann::json j = nlohmann::json::object();
  put(j, "Test", value.test);
  put(j, "Interval", value.interval);
  put(j, "Timeout", value.timeout);
  put(j, "Retries", value.retries);
  put(j, "StartPeriod", value.start_period);
  if (value.start_interval) {
    detail::require_version(version, {1, 44}, "Healthcheck.StartInterval");
    put(j, "StartInterval", value.start_interval);
  }
  return j;
}

void from_json(const nlohmann::json& j, health_config& value) {
  value = health_config{};
  get(j, "Test", value.test);
  get(j, "Interval", value.interval);
  get(j, "Timeout", value.timeout);
  get(j, "Retries", value.retries);
  get(j, "StartPeriod", value.start_period);
  get(j, "StartInterval", value.start_interval);
}

}  // namespace stackctl::engine
