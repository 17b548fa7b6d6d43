#pragma once
// The Resources part of HostConfig (moby container.Resources). Its members are flattened into
// the HostConfig object on the wire; host_config embeds it and serializes it.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "stackctl/engine/device_request.hpp"
#include "stackctl/engine/ulimit.hpp"

namespace stackctl::engine {

struct device_mapping {
  std::string path_on_host;
  std::string path_in_container;
  std::string cgroup_permissions;  // e.g. "rwm"
  friend bool operator==(const device_mapping&, const device_mapping&) = default;
};

struct resources {
  std::optional<std::int64_t> nano_cpus;  // NanoCpus: 1.5 CPUs = 1500000000
  std::optional<std::int64_t> cpu_shares;
  std::optional<std::int64_t> cpu_period;
  std::optional<std::int64_t> cpu_quota;
  std::optional<std::string> cpuset_cpus;
  std::optional<std::string> cpuset_mems;
  std::optional<std::int64_t> memory;              // bytes
  std::optional<std::int64_t> memory_reservation;  // bytes
  std::optional<std::int64_t> memory_swap;         // bytes, -1 unlimited
  std::optional<std::int64_t> memory_swappiness;
  std::optional<bool> oom_kill_disable;
  std::optional<std::int64_t> pids_limit;
  std::optional<std::uint16_t> blkio_weight;
  std::optional<std::string> cgroup_parent;
  std::vector<device_mapping> devices;
  std::vector<std::string> device_cgroup_rules;
  std::vector<device_request> device_requests;  // 1.40
  std::vector<ulimit> ulimits;
  friend bool operator==(const resources&, const resources&) = default;
};

}  // namespace stackctl::engine
