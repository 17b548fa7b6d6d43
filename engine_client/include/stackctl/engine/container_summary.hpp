#pragma once
// One item of GET /containers/json.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "stackctl/engine/label_lookup.hpp"
#include "stackctl/engine/mount_point.hpp"

namespace stackctl::engine {

struct container_port {
  std::string ip;  // empty when not published
  std::uint16_t private_port = 0;
  std::optional<std::uint16_t> public_port;
  std::string type;  // tcp|udp|sctp
  friend bool operator==(const container_port&, const container_port&) = default;
};

// A container's State as the engine names it ("created", "running", ...); `unknown` for a word
// this client does not know (a newer daemon's).
enum class container_run_state { created, running, paused, restarting, removing, exited, dead, unknown };

container_run_state parse_run_state(std::string_view state);

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
  // The value of label `key`, or "" when the container does not carry it.
  std::string label(std::string_view key) const { return label_value(labels, key); }
  container_run_state run_state() const { return parse_run_state(state); }
  // Running, restarting or paused: there is a process to stop.
  bool is_active() const {
    auto st = run_state();
    return st == container_run_state::running || st == container_run_state::restarting ||
           st == container_run_state::paused;
  }
};

void from_json(const nlohmann::json& j, container_port& value);
void from_json(const nlohmann::json& j, container_summary& value);

}  // namespace stackctl::engine
