#pragma once
// One item of GET /containers/json.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "stackctl/engine/mount_point.hpp"

namespace stackctl::engine {

struct container_port {
  std::string ip;  // empty when not published
  std::uint16_t private_port = 0;
  std::optional<std::uint16_t> public_port;
  std::string type;  // tcp|udp|sctp
  friend bool operator==(const container_port&, const container_port&) = default;
};

struct container_summary {
  std::string id;
  std::vector<std::string> names;  // as sent: with a leading '/'
  std::string image;
  std::string image_id;
  std::string command;
  std::int64_t created = 0;  // Unix seconds
  std::string state;         // created|running|paused|restarting|removing|exited|dead
  std::string status;        // human text: "Up 3 minutes (healthy)"
  std::vector<container_port> ports;
  std::map<std::string, std::string> labels;
  std::vector<mount_point> mounts;
  std::string network_mode;           // HostConfig.NetworkMode
  std::vector<std::string> networks;  // NetworkSettings.Networks keys
  std::optional<std::int64_t> size_rw;
  std::optional<std::int64_t> size_root_fs;

  // The first name without its leading '/', or "" when the daemon sent none.
  std::string name() const;
};

void from_json(const nlohmann::json& j, container_port& value);
void from_json(const nlohmann::json& j, container_summary& value);

}  // namespace stackctl::engine
