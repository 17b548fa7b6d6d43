#pragma once
// `ps`: the project's containers from ONE list call (no inspect): compose's columns.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "stackctl/deploy/engine_ref.hpp"
#include "stackctl/engine/container_summary.hpp"

namespace stackctl::deploy {

struct ps_options {
  bool all = false;                   // -a: stopped containers (and one-offs) too
  std::vector<std::string> services;  // only these services
  std::vector<std::string> status;    // --status: created|running|exited|...
};

struct ps_row {
  std::string id, name, image, command, service, project;
  int number = 0;
  std::int64_t created = 0;      // Unix seconds
  std::string state;             // running|exited|...
  std::string status;            // "Up 3 minutes (healthy)"
  std::string health;            // healthy|unhealthy|starting|"" (from the status text)
  std::optional<int> exit_code;  // exited containers (from the status text)
  std::vector<engine::container_port> publishers;
  std::string ports;  // "0.0.0.0:8080->80/tcp, 443/tcp"
  // As listed (for `ps --format json`: Labels, Networks, Mounts, LocalVolumes).
  std::map<std::string, std::string> labels;
  std::vector<std::string> networks;
  std::vector<engine::mount_point> mounts;
};

// Rows sorted by name.
std::vector<ps_row> ps(const std::string& project_name, engine_ref engine, const ps_options& options = {});

// compose's PORTS column text.
std::string format_ports(const std::vector<engine::container_port>& ports);

}  // namespace stackctl::deploy
