#include "stackctl/deploy/ps.hpp"

#include <algorithm>
#include <regex>

#include <fmt/format.h>

#include "stackctl/deploy/labels.hpp"

namespace stackctl::deploy {

std::string format_ports(const std::vector<engine::container_port>& ports) {
  auto sorted = ports;
  std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
    return std::tie(a.private_port, a.type, a.ip, a.public_port) <
           std::tie(b.private_port, b.type, b.ip, b.public_port);
  });
  std::string out;
  for (const auto& p : sorted) {
    if (!out.empty()) out += ", ";
    if (p.public_port) {
      auto ip = p.ip.find(':') != std::string::npos ? "[" + p.ip + "]" : p.ip;  // "::" → "[::]"
      out += fmt::format("{}:{}->{}/{}", ip, *p.public_port, p.private_port, p.type);
    } else {
      out += fmt::format("{}/{}", p.private_port, p.type);
    }
  }
  return out;
}

std::vector<ps_row> ps(const std::string& project_name, engine_ref engine, const ps_options& options) {
  engine::container_list_options lo;
  lo.all = options.all || !options.status.empty();
  lo.filters.add_label(labels::project, project_name);
  lo.filters.add_label(labels::config_hash);
  for (const auto& s : options.status) lo.filters.add("status", s);
  if (!options.all) lo.filters.add_label(labels::oneoff, "False");
  std::vector<ps_row> rows;
  static const std::regex exited(R"(^Exited \((-?\d+)\))");
  for (const auto& c : engine.containers.list(lo)) {
    ps_row r;
    auto label = [&](const char* key) {
      auto it = c.labels.find(key);
      return it == c.labels.end() ? std::string() : it->second;
    };
    r.service = label(labels::service);
    if (!options.services.empty() &&
        std::find(options.services.begin(), options.services.end(), r.service) == options.services.end())
      continue;
    r.id = c.id;
    r.name = c.name();
    r.image = c.image;
    r.command = c.command;
    r.project = project_name;
    try {
      r.number = std::stoi(label(labels::container_number));
    } catch (const std::exception&) {
    }
    r.created = c.created;
    r.state = c.state;
    r.status = c.status;
    if (c.status.find("(healthy)") != std::string::npos) r.health = "healthy";
    else if (c.status.find("(unhealthy)") != std::string::npos) r.health = "unhealthy";
    else if (c.status.find("(health: starting)") != std::string::npos) r.health = "starting";
    std::smatch m;
    if (std::regex_search(c.status, m, exited)) r.exit_code = std::stoi(m[1].str());
    r.publishers = c.ports;
    r.ports = format_ports(c.ports);
    r.labels = c.labels;
    r.networks = c.networks;
    r.mounts = c.mounts;
    rows.push_back(std::move(r));
  }
  std::sort(rows.begin(), rows.end(), [](const ps_row& a, const ps_row& b) { return a.name < b.name; });
  return rows;
}

}  // namespace stackctl::deploy
