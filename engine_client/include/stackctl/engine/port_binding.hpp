#pragma once
// HostConfig.PortBindings value: {"80/tcp": [{"HostIp": "0.0.0.0", "HostPort": "8080"}]}.
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace stackctl::engine {

struct port_binding {
  std::string host_ip;    // empty: all interfaces
  std::string host_port;  // a string on the wire ("8080", "8000-8010"); empty: any free port
  friend bool operator==(const port_binding&, const port_binding&) = default;
};

// Keyed by "<container port>/<proto>", e.g. "80/tcp".
using port_map = std::map<std::string, std::vector<port_binding>>;

void to_json(nlohmann::json& j, const port_binding& value);
void from_json(const nlohmann::json& j, port_binding& value);

}  // namespace stackctl::engine
