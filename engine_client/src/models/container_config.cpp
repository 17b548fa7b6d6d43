#include "stackctl/engine/container_config.hpp"

#include "json_util.hpp"

namespace stackctl::engine {

using detail::put;
using detail::put_key_set;
using detail::put_nonempty;

namespace {

void put_nullable(nlohmann::json& j, const char* key, const nullable<std::vector<std::string>>& v) {
  if (v.is_null()) {
    j[key] = nullptr;
  } else if (v.has_value()) {
    j[key] = *v;  // an empty vector stays [] on purpose
  }
}

}  // namespace

nlohmann::json to_json(const container_config& value, api_version version) {
  nlohmann::json j = nlohmann::json::object();
  put_nonempty(j, "Image", value.image);
  put_nullable(j, "Cmd", value.cmd);
  put_nullable(j, "Entrypoint", value.entrypoint);
  put_nonempty(j, "Env", value.env);
  put(j, "WorkingDir", value.working_dir);
  put(j, "User", value.user);
  put(j, "Hostname", value.hostname);
  put(j, "Domainname", value.domainname);
  put_nonempty(j, "Labels", value.labels);
  put_key_set(j, "ExposedPorts", value.exposed_ports);
  put_key_set(j, "Volumes", value.volumes);
  put(j, "Tty", value.tty);
  put(j, "OpenStdin", value.open_stdin);
  put(j, "StdinOnce", value.stdin_once);
  put(j, "AttachStdin", value.attach_stdin);
  put(j, "AttachStdout", value.attach_stdout);
  put(j, "AttachStderr", value.attach_stderr);
  put(j, "NetworkDisabled", value.network_disabled);
  put(j, "StopSignal", value.stop_signal);
  put(j, "StopTimeout", value.stop_timeout);
  if (value.healthcheck) j["Healthcheck"] = to_json(*value.healthcheck, version);
  put(j, "MacAddress", value.mac_address);
  put(j, "Shell", value.shell);
  return j;
}

}  // namespace stackctl::engine
