#pragma once
// Volumes: POST /volumes/create, GET /volumes/{name}, GET /volumes.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "stackctl/engine/api_version.hpp"
#include "stackctl/engine/label_lookup.hpp"

namespace stackctl::engine {

struct volume_usage {
  std::int64_t size = -1;  // -1: not available
  std::int64_t ref_count = -1;
};

struct volume {
  std::string name;
  std::string driver;
  std::string mountpoint;
  std::string created_at;  // RFC 3339
  std::string scope;       // local|global
  std::map<std::string, std::string> labels;
  std::map<std::string, std::string> options;
  std::optional<volume_usage> usage_data;

  std::string label(std::string_view key) const { return label_value(labels, key); }
};

struct volume_create_request {
  std::string name;  // empty: the daemon picks a random name
  std::optional<std::string> driver;
  std::map<std::string, std::string> driver_opts;
  std::map<std::string, std::string> labels;
  friend bool operator==(const volume_create_request&, const volume_create_request&) = default;
};

struct volume_list {
  std::vector<volume> volumes;
  std::vector<std::string> warnings;
};

nlohmann::json to_json(const volume_create_request& value, api_version version);
void from_json(const nlohmann::json& j, volume& value);
void from_json(const nlohmann::json& j, volume_list& value);

}  // namespace stackctl::engine
