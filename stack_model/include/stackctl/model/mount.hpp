#pragma once
// A service mount as a typed variant. The short-syntax rule (a source starting with '.', '/', '~' or
// a Windows drive is a host path) decides bind vs volume; long syntax names the type.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>

namespace stackctl::model {

struct bind_mount {
  std::string source;  // absolute host path (when path resolution is on)
  std::string target;
  bool read_only = false;
  bool create_host_path = true;
  std::string propagation;  // shared|rshared|slave|rslave|private|rprivate, or empty
  std::string selinux;      // z|Z or empty
  std::string recursive;    // enabled|disabled|writable|readonly or empty
  std::string consistency;
};

struct volume_mount {
  std::string source;  // the top-level volume key; empty = anonymous volume
  std::string target;
  bool read_only = false;
  bool nocopy = false;
  std::string subpath;
  std::map<std::string, std::string> labels;
};

struct tmpfs_mount {
  std::string target;
  std::optional<std::int64_t> size_bytes;
  std::optional<std::uint32_t> mode;
};

using mount = std::variant<bind_mount, volume_mount, tmpfs_mount>;

const std::string& mount_target(const mount& m);

}  // namespace stackctl::model
