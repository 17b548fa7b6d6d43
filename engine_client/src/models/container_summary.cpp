#include "stackctl/engine/container_summary.hpp"

#include <utility>

#include "json_util.hpp"

namespace stackctl::engine {

using detail::get;
using detail::member;

void from_json(const nlohmann::json& j, mount_point& value) {
  value = mount_point{};
  get(j, "Type", value.type);
  get(j, "Name", value.name);
  get(j, "Source", value.source);
  get(j, "Destination", value.destination);
  get(j, "Driver", value.driver);
  get(j, "Mode", value.mode);
  get(j, "RW", value.rw);
  get(j, "Propagation", value.propagation);
}

void from_json(const nlohmann::json& j, container_port& value) {
  value = container_port{};
  get(j, "IP", value.ip);
  get(j, "PrivatePort", value.private_port);
  get(j, "PublicPort", value.public_port);
  get(j, "Type", value.type);
}

void from_json(const nlohmann::json& j, container_summary& value) {
  value = container_summary{};
  get(j, "Id", value.id);
  get(j, "Names", value.names);
  get(j, "Image", value.image);
  get(j, "ImageID", value.image_id);
  get(j, "Command", value.command);
  get(j, "Created", value.created);
  get(j, "State", value.state);
  get(j, "Status", value.status);
  get(j, "Ports", value.ports);
  get(j, "Labels", value.labels);
  get(j, "Mounts", value.mounts);
  get(member(j, "HostConfig"), "NetworkMode", value.network_mode);
  for (const auto& item : member(member(j, "NetworkSettings"), "Networks").items()) {
    value.networks.push_back(item.key());
  }
  get(j, "SizeRw", value.size_rw);
  get(j, "SizeRootFs", value.size_root_fs);
}

container_run_state parse_run_state(std::string_view state) {
  static constexpr std::pair<std::string_view, container_run_state> kStates[] = {
      {"created", container_run_state::created},   {"running", container_run_state::running},
      {"paused", container_run_state::paused},     {"restarting", container_run_state::restarting},
      {"removing", container_run_state::removing}, {"exited", container_run_state::exited},
      {"dead", container_run_state::dead},
  };
  for (const auto& [word, value] : kStates)
    if (word == state) return value;
  return container_run_state::unknown;
}

std::string container_summary::name() const {
  if (names.empty()) return {};
  const std::string& first = names.front();
  return !first.empty() && first.front() == '/' ? first.substr(1) : first;
}

}  // namespace stackctl::engine
