#pragma once
// HostConfig.LogConfig: {"Type": "json-file", "Config": {"max-size": "10m"}}.
#include <map>
#include <string>

#include <nlohmann/json_fwd.hpp>

namespace stackctl::engine {

struct log_config {
  std::string type;
  std::map<std::string, std::string> config;
  friend bool operator==(const log_config&, const log_config&) = default;
};

void to_json(nlohmann::json& j, const log_config& value);
void from_json(const nlohmann::json& j, log_config& value);

}  // namespace stackctl::engine
