#include "stackctl/engine/container_inspect.hpp"

#include "json_util.hpp"

namespace stackctl::engine {

using detail::get;
using detail::get_key_set;
using detail::member;

void from_json(const nlohmann::json& j, health_log_entry& value) {
  value = health_log_entry{};
  get(j, "Start", value.start);
  get(j, "End", value.end);
  get(j, "ExitCode", value.exit_code);
  get(j, "Output", value.output);
}

void from_json(const nlohmann::json& j, container_health& value) {
  value = container_health{};
  get(j, "Status", value.status);
  get(j, "FailingStreak", value.failing_streak);
  get(j, "Log", value.log);
}

void from_json(const nlohmann::json& j, container_state& value) {
  value = container_state{};
  get(j, "Status", value.status);
  get(j, "Running", value.running);
  get(j, "Paused", value.paused);
  get(j, "Restarting", value.restarting);
  get(j, "OOMKilled", value.oom_killed);
  get(j, "Dead", value.dead);
  get(j, "Pid", value.pid);
  get(j, "ExitCode", value.exit_code);
  get(j, "Error", value.error);
  get(j, "StartedAt", value.started_at);
  get(j, "FinishedAt", value.finished_at);
  get(j, "Health", value.health);
}

void from_json(const nlohmann::json& j, container_inspect_config& value) {
  value = container_inspect_config{};
  get(j, "Image", value.image);
  get(j, "Hostname", value.hostname);
  get(j, "Domainname", value.domainname);
  get(j, "User", value.user);
  get(j, "WorkingDir", value.working_dir);
  get(j, "Tty", value.tty);
  get(j, "OpenStdin", value.open_stdin);
  get(j, "Env", value.env);
  get(j, "Cmd", value.cmd);
  get(j, "Entrypoint", value.entrypoint);
  get(j, "Labels", value.labels);
  get_key_set(j, "ExposedPorts", value.exposed_ports);
  get_key_set(j, "Volumes", value.volumes);
  get(j, "Healthcheck", value.healthcheck);
  get(j, "StopSignal", value.stop_signal);
  get(j, "StopTimeout", value.stop_timeout);
}

void from_json(const nlohmann::json& j, container_inspect_host_config& value) {
  value = container_inspect_host_config{};
  get(j, "Binds", value.binds);
  get(j, "Mounts", value.mounts);
  get(j, "NetworkMode", value.network_mode);
  get(j, "RestartPolicy", value.restart_policy);
  detail::get_port_map(j, "PortBindings", value.port_bindings);
  get(j, "LogConfig", value.log_config);
  get(j, "AutoRemove", value.auto_remove);
  get(j, "Privileged", value.privileged);
  get(j, "Init", value.init);
}

void from_json(const nlohmann::json& j, endpoint_info& value) {
  value = endpoint_info{};
  get(j, "NetworkID", value.network_id);
  get(j, "EndpointID", value.endpoint_id);
  get(j, "Aliases", value.aliases);
  get(j, "Links", value.links);
  get(j, "DNSNames", value.dns_names);
  get(j, "IPAddress", value.ip_address);
  get(j, "IPPrefixLen", value.ip_prefix_len);
  get(j, "Gateway", value.gateway);
  get(j, "GlobalIPv6Address", value.global_ipv6_address);
  get(j, "MacAddress", value.mac_address);
}

void from_json(const nlohmann::json& j, container_inspect& value) {
  value = container_inspect{};
  get(j, "Id", value.id);
  get(j, "Name", value.name);
  get(j, "Created", value.created);
  get(j, "Path", value.path);
  get(j, "Args", value.args);
  get(j, "Image", value.image);
  get(j, "RestartCount", value.restart_count);
  get(j, "Platform", value.platform);
  get(j, "State", value.state);
  get(j, "Config", value.config);
  get(j, "HostConfig", value.host_config);
  get(j, "Mounts", value.mounts);
  const auto& settings = member(j, "NetworkSettings");
  get(settings, "Networks", value.networks);
  detail::get_port_map(settings, "Ports", value.ports);
  value.raw = j;
}

std::string container_inspect::short_name() const {
  return !name.empty() && name.front() == '/' ? name.substr(1) : name;
}

}  // namespace stackctl::engine
