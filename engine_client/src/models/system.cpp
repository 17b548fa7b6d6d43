#include "stackctl/engine/system.hpp"

#include "json_util.hpp"

namespace stackctl::engine {

using detail::get;
using detail::member;

void from_json(const nlohmann::json& j, version_component& value) {
  value = version_component{};
  get(j, "Name", value.name);
  get(j, "Version", value.version);
}

void from_json(const nlohmann::json& j, version_info& value) {
  value = version_info{};
  get(j, "Version", value.version);
  get(j, "ApiVersion", value.api_version);
  get(j, "MinAPIVersion", value.min_api_version);
  get(j, "GitCommit", value.git_commit);
  get(j, "GoVersion", value.go_version);
  get(j, "Os", value.os);
  get(j, "Arch", value.arch);
  get(j, "KernelVersion", value.kernel_version);
  get(j, "BuildTime", value.build_time);
  get(j, "Experimental", value.experimental);
  get(member(j, "Platform"), "Name", value.platform_name);
  get(j, "Components", value.components);
}

void from_json(const nlohmann::json& j, system_info& value) {
  value = system_info{};
  get(j, "ID", value.id);
  get(j, "Name", value.name);
  get(j, "ServerVersion", value.server_version);
  get(j, "OperatingSystem", value.operating_system);
  get(j, "OSType", value.os_type);
  get(j, "Architecture", value.architecture);
  get(j, "KernelVersion", value.kernel_version);
  get(j, "NCPU", value.ncpu);
  get(j, "MemTotal", value.mem_total);
  get(j, "Containers", value.containers);
  get(j, "ContainersRunning", value.containers_running);
  get(j, "ContainersPaused", value.containers_paused);
  get(j, "ContainersStopped", value.containers_stopped);
  get(j, "Images", value.images);
  get(j, "Driver", value.driver);
  get(j, "LoggingDriver", value.logging_driver);
  get(j, "CgroupDriver", value.cgroup_driver);
  get(j, "CgroupVersion", value.cgroup_version);
  get(j, "DockerRootDir", value.docker_root_dir);
  get(j, "DefaultRuntime", value.default_runtime);
  const auto& swarm = member(j, "Swarm");
  get(swarm, "LocalNodeState", value.swarm_local_node_state);
  get(swarm, "ControlAvailable", value.swarm_control_available);
  get(j, "Warnings", value.warnings);
  value.raw = j;
}

}  // namespace stackctl::engine
