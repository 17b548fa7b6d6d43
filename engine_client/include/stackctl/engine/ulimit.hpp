#pragma once
// HostConfig.Ulimits[]: {"Name": "nofile", "Soft": 1024, "Hard": 4096}.
#include <cstdint>
#include <string>

#include <nlohmann/json_fwd.hpp>

namespace stackctl::engine {

struct ulimit {
  std::string name;
  std::int64_t soft = 0;
  std::int64_t hard = 0;
  friend bool operator==(const ulimit&, const ulimit&) = default;
};

void to_json(nlohmann::json& j, const ulimit& value);
void from_json(const nlohmann::json& j, ulimit& value);

}  // namespace stackctl::engine
