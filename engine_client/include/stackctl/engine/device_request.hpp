#pragma once
// HostConfig.DeviceRequests[] (API 1.40): GPUs and other driver-managed devices (`--gpus`).
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace stackctl::engine {

struct device_request {
  std::string driver;                                  // "nvidia", or empty for any
  std::optional<std::int64_t> count;                   // -1: all devices (Go int, as the engine)
  std::vector<std::string> device_ids;                 // DeviceIDs
  std::vector<std::vector<std::string>> capabilities;  // OR of ANDs: [["gpu"]]
  std::map<std::string, std::string> options;
  friend bool operator==(const device_request&, const device_request&) = default;
};

void to_json(nlohmann::json& j, const device_request& value);
void from_json(const nlohmann::json& j, device_request& value);

}  // namespace stackctl::engine
