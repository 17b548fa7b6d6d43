#pragma once
// Images: GET /images/{name}/json, GET /images/json, DELETE /images/{name}.
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "stackctl/engine/health_config.hpp"

namespace stackctl::engine {

struct image_summary {
  std::string id;
  std::string parent_id;
  std::vector<std::string> repo_tags;
  std::vector<std::string> repo_digests;
  std::int64_t created = 0;  // Unix seconds
  std::int64_t size = 0;
  std::int64_t shared_size = -1;  // -1: not computed
  std::int64_t containers = -1;   // -1: not computed
  std::map<std::string, std::string> labels;
};

// The image's default container config (Config of an image inspect).
struct image_config {
  std::string user;
  std::string working_dir;
  std::vector<std::string> env;
  std::optional<std::vector<std::string>> cmd;
  std::optional<std::vector<std::string>> entrypoint;
  std::map<std::string, std::string> labels;
  std::set<std::string> exposed_ports;
  std::set<std::string> volumes;
  std::optional<health_config> healthcheck;
  std::optional<std::string> stop_signal;
};

struct image_inspect {
  std::string id;
  std::vector<std::string> repo_tags;
  std::vector<std::string> repo_digests;
  std::string parent;
  std::string comment;
  std::string created;  // RFC 3339 nano
  std::string author;
  std::string architecture;
  std::string variant;
  std::string os;
  std::int64_t size = 0;
  image_config config;
};

// One item of the DELETE /images/{name} reply: either an untag or a deletion.
struct image_delete_item {
  std::string untagged;
  std::string deleted;
};

void from_json(const nlohmann::json& j, image_summary& value);
void from_json(const nlohmann::json& j, image_config& value);
void from_json(const nlohmann::json& j, image_inspect& value);
void from_json(const nlohmann::json& j, image_delete_item& value);

}  // namespace stackctl::engine
