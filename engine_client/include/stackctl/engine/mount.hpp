#pragma once
// HostConfig.Mounts[] entry (moby api/types/mount). Several options are newer than API 1.41 and
// are gated by to_json(mount, version): the 20.10 daemon would silently ignore them.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "stackctl/engine/api_version.hpp"

namespace stackctl::engine {

enum class mount_type { bind, volume, tmpfs, npipe };

std::string_view to_string(mount_type type);
// Throws engine_error(invalid) for an unknown type name.
mount_type mount_type_from_string(std::string_view name);

struct bind_options {
  std::optional<std::string> propagation;         // private|rprivate|shared|rshared|slave|rslave
  std::optional<bool> non_recursive;              // 1.40
  std::optional<bool> create_mountpoint;          // 1.42: create a missing host path like Binds
  std::optional<bool> read_only_non_recursive;    // 1.44
  std::optional<bool> read_only_force_recursive;  // 1.44
  friend bool operator==(const bind_options&, const bind_options&) = default;
};

struct driver_config {
  std::string name;
  std::map<std::string, std::string> options;
  friend bool operator==(const driver_config&, const driver_config&) = default;
};

struct volume_options {
  std::optional<bool> no_copy;
  std::map<std::string, std::string> labels;
  std::optional<engine::driver_config> driver_config;
  std::optional<std::string> subpath;  // 1.45
  friend bool operator==(const volume_options&, const volume_options&) = default;
};

struct tmpfs_options {
  std::optional<std::int64_t> size_bytes;
  // Permission bits (write them in octal: 01777); sent as the decimal integer (1023).
  std::optional<std::uint32_t> mode;
  // 1.46: flags as one-element lists, key/value pairs as two-element lists ([["noexec"]]).
  std::vector<std::vector<std::string>> options;
  friend bool operator==(const tmpfs_options&, const tmpfs_options&) = default;
};

struct mount {
  mount_type type = mount_type::volume;
  std::string source;  // host path, volume name; empty for tmpfs and anonymous volumes
  std::string target;
  bool read_only = false;
  std::optional<std::string> consistency;  // default|consistent|cached|delegated
  std::optional<bind_options> bind;
  std::optional<volume_options> volume;
  std::optional<tmpfs_options> tmpfs;
  friend bool operator==(const mount&, const mount&) = default;
};

// Versioned: throws engine_error(version) for a set field newer than `version`, and
// engine_error(invalid) for *Options that do not match the type.
nlohmann::json to_json(const mount& value, api_version version);
void from_json(const nlohmann::json& j, mount& value);

}  // namespace stackctl::engine
