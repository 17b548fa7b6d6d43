#pragma once
// HostConfig.RestartPolicy.
#include <optional>
#include <string>

#include <nlohmann/json_fwd.hpp>

namespace stackctl::engine {

struct restart_policy {
  std::string name;                        // ""|no|always|unless-stopped|on-failure
  std::optional<int> maximum_retry_count;  // only meaningful for on-failure
  friend bool operator==(const restart_policy&, const restart_policy&) = default;
};

void to_json(nlohmann::json& j, const restart_policy& value);
void from_json(const nlohmann::json& j, restart_policy& value);

}  // namespace stackctl::engine
