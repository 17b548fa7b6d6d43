#include "stackctl/engine/host_config.hpp"

#include "json_util.hpp"

namespace stackctl::engine {

using detail::put;
using detail::put_nonempty;
using detail::require_version;

namespace {

void put_resources(nlohmann::json& j, const resources& r) {
  put(j, "NanoCpus", r.nano_cpus);
  put(j, "CpuShares", r.cpu_shares);
  put(j, "CpuPeriod", r.cpu_period);
  put(j, "CpuQuota", r.cpu_quota);
  put(j, "CpusetCpus", r.cpuset_cpus);
  put(j, "CpusetMems", r.cpuset_mems);
  put(j, "Memory", r.memory);
  put(j, "MemoryReservation", r.memory_reservation);
  put(j, "MemorySwap", r.memory_swap);
  put(j, "MemorySwappiness", r.memory_swappiness);
  put(j, "OomKillDisable", r.oom_kill_disable);
  put(j, "PidsLimit", r.pids_limit);
  put(j, "BlkioWeight", r.blkio_weight);
  put(j, "CgroupParent", r.cgroup_parent);
  if (!r.devices.empty()) {
    nlohmann::json devices = nlohmann::json::array();
    for (const auto& d : r.devices) {
      devices.push_back({{"PathOnHost", d.path_on_host},
                         {"PathInContainer", d.path_in_container},
                         {"CgroupPermissions", d.cgroup_permissions}});
    }
    j["Devices"] = std::move(devices);
  }
  put_nonempty(j, "DeviceCgroupRules", r.device_cgroup_rules);
  put_nonempty(j, "DeviceRequests", r.device_requests);
  put_nonempty(j, "Ulimits", r.ulimits);
}

}  // namespace

nlohmann::json to_json(const host_config& value, api_version version) {
  nlohmann::json j = nlohmann::json::object();
  put_nonempty(j, "Binds", value.binds);
  if (!value.mounts.empty()) {
    nlohmann::json mounts = nlohmann::json::array();
    for (const auto& m : value.mounts) mounts.push_back(to_json(m, version));
    j["Mounts"] = std::move(mounts);
  }
  if (value.port_bindings)
    j["PortBindings"] = value.port_bindings->empty() ? nlohmann::json::object() : nlohmann::json(*value.port_bindings);
  put(j, "PublishAllPorts", value.publish_all_ports);
  put(j, "RestartPolicy", value.restart_policy);
  put(j, "NetworkMode", value.network_mode);
  put_resources(j, value.resources);
  put(j, "Init", value.init);
  put_nonempty(j, "Tmpfs", value.tmpfs);
  put_nonempty(j, "Sysctls", value.sysctls);
  put_nonempty(j, "ExtraHosts", value.extra_hosts);
  put_nonempty(j, "Dns", value.dns);
  put_nonempty(j, "DnsSearch", value.dns_search);
  put_nonempty(j, "DnsOptions", value.dns_options);
  put_nonempty(j, "CapAdd", value.cap_add);
  put_nonempty(j, "CapDrop", value.cap_drop);
  put_nonempty(j, "SecurityOpt", value.security_opt);
  put_nonempty(j, "GroupAdd", value.group_add);
  put_nonempty(j, "VolumesFrom", value.volumes_from);
  put_nonempty(j, "Links", value.links);
  put(j, "LogConfig", value.log_config);
  put(j, "Privileged", value.privileged);
  put(j, "ReadonlyRootfs", value.readonly_rootfs);
  put(j, "AutoRemove", value.auto_remove);
  put(j, "ShmSize", value.shm_size);
  put(j, "OomScoreAdj", value.oom_score_adj);
  if (value.cgroupns_mode) {
    require_version(version, {1, 41}, "HostConfig.CgroupnsMode");
    j["CgroupnsMode"] = *value.cgroupns_mode;
  }
  put(j, "IpcMode", value.ipc_mode);
  put(j, "PidMode", value.pid_mode);
  put(j, "UTSMode", value.uts_mode);
  put(j, "UsernsMode", value.userns_mode);
  put(j, "Runtime", value.runtime);
  put(j, "VolumeDriver", value.volume_driver);
  put_nonempty(j, "StorageOpt", value.storage_opt);
  if (!value.annotations.empty()) {
    require_version(version, {1, 43}, "HostConfig.Annotations");
    j["Annotations"] = value.annotations;
  }
  return j;
}

}  // namespace stackctl::engine
