#pragma once
// A mount as the daemon reports it on a container (list and inspect "Mounts"), as opposed to
// the mount a create request asks for (mount.hpp).
#include <string>

#include <nlohmann/json_fwd.hpp>

namespace stackctl::engine {

struct mount_point {
  std::string type;         // bind|volume|tmpfs|npipe
  std::string name;         // volume name (volumes only)
  std::string source;       // host path (for volumes: the volume's data directory)
  std::string destination;  // path in the container
  std::string driver;
  std::string mode;
  bool rw = false;
  std::string propagation;
  friend bool operator==(const mount_point&, const mount_point&) = default;
};

void from_json(const nlohmann::json& j, mount_point& value);

}  // namespace stackctl::engine
