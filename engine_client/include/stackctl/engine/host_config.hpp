#pragma once
// HostConfig of a container create request: how the container sits on the host (mounts, ports,
// restart policy, network mode, resources, security). Only set members are sent.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "stackctl/engine/api_version.hpp"
#include "stackctl/engine/log_config.hpp"
#include "stackctl/engine/mount.hpp"
#include "stackctl/engine/port_binding.hpp"
#include "stackctl/engine/resources.hpp"
#include "stackctl/engine/restart_policy.hpp"

namespace stackctl::engine {

struct host_config {
  std::vector<std::string> binds;  // "src:dst[:opts]"; auto-creates a missing host dir
  std::vector<mount> mounts;
  // Set (even empty, sent as {} like compose does) or absent.
  std::optional<port_map> port_bindings;
  std::optional<bool> publish_all_ports;
  std::optional<engine::restart_policy> restart_policy;
  std::optional<std::string> network_mode;  // bridge|host|none|container:<id>|<network name>
  engine::resources resources;              // flattened into HostConfig on the wire
  std::optional<bool> init;
  std::map<std::string, std::string> tmpfs;  // HostConfig.Tmpfs: {"/run": "rw,size=64m"}
  std::map<std::string, std::string> sysctls;
  std::vector<std::string> extra_hosts;  // "host:ip"
  std::vector<std::string> dns;
  std::vector<std::string> dns_search;
  std::vector<std::string> dns_options;
  std::vector<std::string> cap_add;
  std::vector<std::string> cap_drop;
  std::vector<std::string> security_opt;
  std::vector<std::string> group_add;
  std::vector<std::string> volumes_from;
  std::vector<std::string> links;
  std::optional<engine::log_config> log_config;
  std::optional<bool> privileged;
  std::optional<bool> readonly_rootfs;
  std::optional<bool> auto_remove;
  std::optional<std::int64_t> shm_size;  // bytes
  std::optional<int> oom_score_adj;
  std::optional<std::string> cgroupns_mode;  // 1.41: private|host
  std::optional<std::string> ipc_mode;
  std::optional<std::string> pid_mode;
  std::optional<std::string> uts_mode;
  std::optional<std::string> userns_mode;
  std::optional<std::string> runtime;
  std::optional<std::string> volume_driver;
  std::map<std::string, std::string> storage_opt;
  std::map<std::string, std::string> annotations;  // 1.43
  friend bool operator==(const host_config&, const host_config&) = default;
};

// Versioned: throws engine_error(version) for a set field (or a mount option) newer than `version`.
nlohmann::json to_json(const host_config& value, api_version version);

}  // namespace stackctl::engine
