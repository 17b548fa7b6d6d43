#pragma once
// The container part of a create request (moby container.Config): image, command, environment,
// labels, exposed ports, healthcheck. Only set members are sent.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "stackctl/engine/api_version.hpp"
#include "stackctl/engine/health_config.hpp"
#include "stackctl/engine/nullable.hpp"

namespace stackctl::engine {

struct container_config {
  std::string image;
  // Absent or null: inherit the image's; a list (even empty) overrides it.
  nullable<std::vector<std::string>> cmd;
  nullable<std::vector<std::string>> entrypoint;
  std::vector<std::string> env;  // "KEY=value"
  std::optional<std::string> working_dir;
  std::optional<std::string> user;
  std::optional<std::string> hostname;
  std::optional<std::string> domainname;
  std::map<std::string, std::string> labels;
  std::set<std::string> exposed_ports;  // "80/tcp"; sent as {"80/tcp": {}}
  std::set<std::string> volumes;        // anonymous volume targets; sent as {"/data": {}}
  std::optional<bool> tty;
  std::optional<bool> open_stdin;
  std::optional<bool> stdin_once;
  std::optional<bool> attach_stdin;
  std::optional<bool> attach_stdout;
  std::optional<bool> attach_stderr;
  std::optional<bool> network_disabled;
  std::optional<std::string> stop_signal;
  std::optional<int> stop_timeout;  // seconds
  std::optional<health_config> healthcheck;
  std::optional<std::string> mac_address;  // container-level; deprecated in 1.44 for the endpoint's
  std::optional<std::vector<std::string>> shell;
  friend bool operator==(const container_config&, const container_config&) = default;
};

// Versioned: throws engine_error(version) for a set field newer than `version`.
nlohmann::json to_json(const container_config& value, api_version version);

}  // namespace stackctl::engine
