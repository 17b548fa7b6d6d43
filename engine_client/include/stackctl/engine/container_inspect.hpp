#pragma once
// GET /containers/{id}/json: the subset deploy and the CLI read, plus the whole document in
// `raw` for anything else (`stackctl inspect`, config-hash checks on fields not modelled here).
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>  // complete type needed for the `raw` member

#include "stackctl/engine/health_config.hpp"
#include "stackctl/engine/log_config.hpp"
#include "stackctl/engine/mount.hpp"
#include "stackctl/engine/mount_point.hpp"
#include "stackctl/engine/port_binding.hpp"
#include "stackctl/engine/restart_policy.hpp"

namespace stackctl::engine {

struct health_log_entry {
  std::string start;  // RFC 3339 nano
  std::string end;
  int exit_code = 0;
  std::string output;
  friend bool operator==(const health_log_entry&, const health_log_entry&) = default;
};

struct container_health {
  std::string status;  // none|starting|healthy|unhealthy
  int failing_streak = 0;
  std::vector<health_log_entry> log;
  friend bool operator==(const container_health&, const container_health&) = default;
};

struct container_state {
  std::string status;  // created|running|paused|restarting|removing|exited|dead
  bool running = false;
  bool paused = false;
  bool restarting = false;
  bool oom_killed = false;
  bool dead = false;
  int pid = 0;
  int exit_code = 0;
  std::string error;       // e.g. why the last start failed
  std::string started_at;  // RFC 3339 nano; "0001-01-01T00:00:00Z" when never
  std::string finished_at;
  std::optional<container_health> health;  // only with a healthcheck
};

struct container_inspect_config {
  std::string image;  // as the user named it ("nginx:1.25")
  std::string hostname;
  std::string domainname;
  std::string user;
  std::string working_dir;
  bool tty = false;
  bool open_stdin = false;
  std::vector<std::string> env;
  std::optional<std::vector<std::string>> cmd;         // nullopt for null
  std::optional<std::vector<std::string>> entrypoint;  // nullopt for null
  std::map<std::string, std::string> labels;
  std::set<std::string> exposed_ports;
  std::set<std::string> volumes;
  std::optional<health_config> healthcheck;
  std::optional<std::string> stop_signal;
  std::optional<int> stop_timeout;
};

struct container_inspect_host_config {
  std::vector<std::string> binds;
  std::vector<mount> mounts;
  std::string network_mode;
  engine::restart_policy restart_policy;
  port_map port_bindings;
  std::optional<engine::log_config> log_config;
  bool auto_remove = false;
  bool privileged = false;
  std::optional<bool> init;
};

// NetworkSettings.Networks[name].
struct endpoint_info {
  std::string network_id;
  std::string endpoint_id;
  std::vector<std::string> aliases;
  std::vector<std::string> links;
  std::vector<std::string> dns_names;  // 1.44
  std::string ip_address;
  int ip_prefix_len = 0;
  std::string gateway;
  std::string global_ipv6_address;
  std::string mac_address;
};

struct container_inspect {
  std::string id;
  std::string name;     // as sent: with a leading '/'
  std::string created;  // RFC 3339 nano
  std::string path;
  std::vector<std::string> args;
  std::string image;  // image id (sha256:...)
  int restart_count = 0;
  std::string platform;
  container_state state;
  container_inspect_config config;
  container_inspect_host_config host_config;
  std::vector<mount_point> mounts;
  std::map<std::string, endpoint_info> networks;  // by network name
  port_map ports;                                 // NetworkSettings.Ports (published ports)
  nlohmann::json raw;                             // the whole reply

  // The name without its leading '/'.
  std::string short_name() const;
};

void from_json(const nlohmann::json& j, health_log_entry& value);
void from_json(const nlohmann::json& j, container_health& value);
void from_json(const nlohmann::json& j, container_state& value);
void from_json(const nlohmann::json& j, container_inspect_config& value);
void from_json(const nlohmann::json& j, container_inspect_host_config& value);
void from_json(const nlohmann::json& j, endpoint_info& value);
void from_json(const nlohmann::json& j, container_inspect& value);

}  // namespace stackctl::engine
