#pragma once
// One service of a project, in canonical form (short syntaxes expanded, defaults applied).
// A service describes containers; it does not assume one container on one host (scale, swarm).
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "stackctl/model/mount.hpp"
#include "stackctl/model/service_hook.hpp"

namespace stackctl::model {

using duration = std::chrono::nanoseconds;

struct port {
  std::string name;
  std::string mode = "ingress";  // ingress|host
  std::string host_ip;
  std::uint32_t target = 0;
  std::string published;  // may be a range ("6000-6010") or empty (ephemeral)
  std::string protocol = "tcp";
  std::string app_protocol;
};

struct dependency {
  std::string condition = "service_started";  // service_started|service_healthy|service_completed_successfully
  bool restart = false;
  bool required = true;
};

struct healthcheck {
  std::vector<std::string> test;  // starts with NONE, CMD or CMD-SHELL
  std::optional<duration> timeout, interval, start_period, start_interval;
  std::optional<std::uint64_t> retries;
  bool disable = false;
};

struct service_network {
  std::vector<std::string> aliases;
  std::string ipv4_address, ipv6_address, mac_address, interface_name;
  std::vector<std::string> link_local_ips;
  std::map<std::string, std::string> driver_opts;
  int priority = 0;
  int gw_priority = 0;
  bool has_config = false;  // a mapping (`web: {}`), not a bare list entry or null
};

struct device_request {
  std::vector<std::string> capabilities;
  std::string driver;
  std::optional<std::int64_t> count;  // -1 = all
  std::vector<std::string> device_ids;
  std::map<std::string, std::string> options;
};

struct resource {
  std::optional<double> cpus;
  std::optional<std::int64_t> memory_bytes;
  std::optional<std::int64_t> pids;
  std::vector<device_request> devices;
};

struct restart_policy {
  std::string condition;  // none|on-failure|any
  std::optional<duration> delay, window;
  std::optional<std::uint64_t> max_attempts;
};

struct deploy_config {
  std::string mode;
  std::optional<int> replicas;
  std::map<std::string, std::string> labels;
  std::optional<resource> limits, reservations;
  std::optional<restart_policy> restart;
  std::vector<std::string> placement_constraints;
  std::string endpoint_mode;
};

struct build_config {
  std::string context;  // absolute when path resolution is on (unless a URL)
  std::string dockerfile;
  std::string dockerfile_inline;
  std::map<std::string, std::optional<std::string>> args;
  std::string target;
  std::string network;
  std::map<std::string, std::string> labels;
  std::vector<std::string> tags, platforms, cache_from;
  std::map<std::string, std::string> additional_contexts;
};

struct logging_config {
  std::string driver;
  std::map<std::string, std::string> options;
};

struct ulimit {
  std::optional<std::int64_t> single;  // `nofile: 1024`
  std::int64_t soft = 0, hard = 0;
};

struct service_file_ref {  // secrets: / configs: of a service
  std::string source;
  std::string target;  // secrets: empty → /run/secrets/<source>; configs: empty → /<source>
  std::string uid, gid;
  std::optional<std::uint32_t> mode;
};

struct service {
  std::string name;
  std::vector<std::string> profiles;
  std::string image;
  std::optional<build_config> build;
  std::optional<std::vector<std::string>> command;  // nullopt: image default; [] clears it
  std::optional<std::vector<std::string>> entrypoint;
  std::map<std::string, std::optional<std::string>> environment;  // env_file merged in; nullopt = unset
  std::vector<port> ports;
  std::vector<std::string> expose;
  std::vector<mount> volumes;
  std::vector<std::string> tmpfs;
  std::map<std::string, service_network> networks;  // empty with network_mode
  std::string network_mode;
  std::map<std::string, dependency> depends_on;
  std::optional<healthcheck> health;
  std::string restart;
  std::optional<deploy_config> deploy;
  std::map<std::string, std::string> labels;
  std::map<std::string, std::string> annotations;
  std::string container_name;
  std::string hostname, domainname, user, working_dir, stop_signal;
  std::optional<duration> stop_grace_period;
  std::optional<bool> init;
  bool privileged = false, read_only = false, tty = false, stdin_open = false;
  std::vector<std::string> cap_add, cap_drop, security_opt, dns, dns_search, dns_opt;
  std::vector<std::string> extra_hosts;  // "host=ip" as compose renders them
  std::vector<device_request> gpus;      // `gpus`: device requests (`all` = one with count -1)
  std::map<std::string, std::string> sysctls;
  std::map<std::string, ulimit> ulimits;
  std::optional<std::int64_t> shm_size;
  std::optional<logging_config> logging;
  std::string platform, pull_policy, ipc, pid, uts, cgroup_parent, runtime, userns_mode;
  std::optional<int> scale;
  std::vector<service_file_ref> secrets, configs;
  std::vector<std::string> links, external_links, volumes_from, group_add;
  // Service-level resources (deploy.resources limits/reservations override some of them).
  std::optional<std::int64_t> mem_limit, memswap_limit, mem_reservation, mem_swappiness;  // bytes
  std::optional<double> cpus;
  std::optional<std::int64_t> cpu_shares, cpu_period, cpu_quota, pids_limit;
  std::string cpuset;
  std::optional<int> oom_score_adj;
  bool oom_kill_disable = false;
  std::vector<std::string> device_cgroup_rules;
  std::string cgroup;       // host|private
  std::string mac_address;  // service level (the primary network's endpoint from API 1.44)
  // Lifecycle hooks, in order: exec'd in each container after it starts / before it stops.
  std::vector<service_hook> post_start, pre_stop;

  // Containers to run: `scale`, else deploy.replicas, else 1.
  int replicas() const;
};

}  // namespace stackctl::model
