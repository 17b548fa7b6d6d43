#pragma once
// System: the /_ping headers, GET /version and GET /info (a subset plus the raw document).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>  // complete type needed for the `raw` member

#include "stackctl/engine/api_version.hpp"

namespace stackctl::engine {

// Read from the /_ping reply headers by the client (no JSON body).
struct ping_result {
  std::optional<engine::api_version> api_version;  // Api-Version; nullopt when missing
  std::string os_type;                             // OSType
  bool experimental = false;                       // Docker-Experimental
  std::string builder_version;                     // Builder-Version (1.42+)
  std::string swarm;                               // Swarm (1.42+): inactive|active/manager|...
};

struct version_component {
  std::string name;
  std::string version;
};

struct version_info {
  std::string version;          // "20.10.24+dfsg1"
  std::string api_version;      // "1.41"
  std::string min_api_version;  // "1.12"
  std::string git_commit;
  std::string go_version;
  std::string os;
  std::string arch;
  std::string kernel_version;
  std::string build_time;
  bool experimental = false;
  std::string platform_name;
  std::vector<version_component> components;
};

struct system_info {
  std::string id;
  std::string name;  // host name
  std::string server_version;
  std::string operating_system;
  std::string os_type;
  std::string architecture;
  std::string kernel_version;
  int ncpu = 0;
  std::int64_t mem_total = 0;
  int containers = 0;
  int containers_running = 0;
  int containers_paused = 0;
  int containers_stopped = 0;
  int images = 0;
  std::string driver;  // storage driver
  std::string logging_driver;
  std::string cgroup_driver;
  std::string cgroup_version;
  std::string docker_root_dir;
  std::string default_runtime;
  std::string swarm_local_node_state;  // inactive|pending|active|error|locked
  bool swarm_control_available = false;
  std::vector<std::string> warnings;
  nlohmann::json raw;  // the whole reply
};

void from_json(const nlohmann::json& j, version_component& value);
void from_json(const nlohmann::json& j, version_info& value);
void from_json(const nlohmann::json& j, system_info& value);

}  // namespace stackctl::engine
