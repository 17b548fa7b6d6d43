#pragma once
// Config.Healthcheck. Durations travel as int64 nanoseconds; 0 means "inherit from the image".
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "stackctl/engine/api_version.hpp"

namespace stackctl::engine {

struct health_config {
  // [] inherit, ["NONE"] disable, ["CMD", args...], ["CMD-SHELL", "command"].
  std::optional<std::vector<std::string>> test;
  std::optional<std::chrono::nanoseconds> interval;
  std::optional<std::chrono::nanoseconds> timeout;
  std::optional<int> retries;
  std::optional<std::chrono::nanoseconds> start_period;    // 1.29
  std::optional<std::chrono::nanoseconds> start_interval;  // 1.44
  friend bool operator==(const health_config&, const health_config&) = default;
};

nlohmann::json to_json(const health_config& value, api_version version);
void from_json(const nlohmann::json& j, health_config& value);

}  // namespace stackctl::engine
