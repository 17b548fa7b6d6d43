#include "stackctl/engine/mount.hpp"

#include <fmt/format.h>

#include "json_util.hpp"
#include "stackctl/engine/error.hpp"

namespace stackctl::engine {

using detail::get;
using detail::put;
using detail::put_nonempty;
using detail::require_version;

std::string_view to_string(mount_type type) {
  switch (type) {
    case mount_type::bind: return "bind";
    case mount_type::volume: return "volume";
    case mount_type::tmpfs: return "tmpfs";
    case mount_type::npipe: return "npipe";
  }
  return "volume";
}

mount_type mount_type_from_string(std::string_view name) {
  if (name == "bind") return mount_type::bind;
  if (name == "volume") return mount_type::volume;
  if (name == "tmpfs") return mount_type::tmpfs;
  if (name == "npipe") return mount_type::npipe;
  throw engine_error(error_kind::invalid, fmt::format("unknown mount type \"{}\"", name));
}

nlohmann::json to_json(const mount& value, api_version version) {
  // 1.42+ daemons reject options that do not match the type; 1.41 silently ignores them. Refuse
  // here so both behave the same and the caller learns which mount is wrong.
  const auto mismatch = [&](bool has, mount_type wanted, std::string_view options) {
    if (has && value.type != wanted) {
      throw engine_error(error_kind::invalid, fmt::format("mount {}: {} set on a mount of type {}", value.target,
                                                          options, to_string(value.type)));
    }
  };
  mismatch(value.bind.has_value(), mount_type::bind, "BindOptions");
  mismatch(value.volume.has_value(), mount_type::volume, "VolumeOptions");
  mismatch(value.tmpfs.has_value(), mount_type::tmpfs, "TmpfsOptions");

  nlohmann::json j = nlohmann::json::object();
  j["Type"] = std::string(to_string(value.type));
  put_nonempty(j, "Source", value.source);
  put_nonempty(j, "Target", value.target);
  if (value.read_only) j["ReadOnly"] = true;
  put(j, "Consistency", value.consistency);
  if (value.bind) {
    const bind_options& b = *value.bind;
    nlohmann::json o = nlohmann::json::object();
    put(o, "Propagation", b.propagation);
    put(o, "NonRecursive", b.non_recursive);
    if (b.create_mountpoint) {
      require_version(version, {1, 42}, "Mount BindOptions.CreateMountpoint");
      o["CreateMountpoint"] = *b.create_mountpoint;
    }
    if (b.read_only_non_recursive) {
      require_version(version, {1, 44}, "Mount BindOptions.ReadOnlyNonRecursive");
      o["ReadOnlyNonRecursive"] = *b.read_only_non_recursive;
    }
    if (b.read_only_force_recursive) {
      require_version(version, {1, 44}, "Mount BindOptions.ReadOnlyForceRecursive");
      o["ReadOnlyForceRecursive"] = *b.read_only_force_recursive;
    }
    j["BindOptions"] = std::move(o);
  }
  if (value.volume) {
    const volume_options& v = *value.volume;
    nlohmann::json o = nlohmann::json::object();
    put(o, "NoCopy", v.no_copy);
    put_nonempty(o, "Labels", v.labels);
    if (v.driver_config) {
      nlohmann::json d = nlohmann::json::object();
      put_nonempty(d, "Name", v.driver_config->name);
      put_nonempty(d, "Options", v.driver_config->options);
      o["DriverConfig"] = std::move(d);
    }
    if (v.subpath) {
      require_version(version, {1, 45}, "Mount VolumeOptions.Subpath");
      o["Subpath"] = *v.subpath;
    }
    j["VolumeOptions"] = std::move(o);
  }
  if (value.tmpfs) {
    const tmpfs_options& t = *value.tmpfs;
    nlohmann::json o = nlohmann::json::object();
    put(o, "SizeBytes", t.size_bytes);
    put(o, "Mode", t.mode);  // the permission bits as a plain integer: 01777 → 1023
    if (!t.options.empty()) {
      require_version(version, {1, 46}, "Mount TmpfsOptions.Options");
      o["Options"] = t.options;
    }
    j["TmpfsOptions"] = std::move(o);
  }
  return j;
}

void from_json(const nlohmann::json& j, mount& value) {
  value = mount{};
  std::string type;
  get(j, "Type", type);
  if (!type.empty()) {
    try {
      value.type = mount_type_from_string(type);
    } catch (const engine_error&) {
      // A newer daemon may report a type we do not model (e.g. "image" from 1.48); keep the default.
    }
  }
  get(j, "Source", value.source);
  get(j, "Target", value.target);
  get(j, "ReadOnly", value.read_only);
  get(j, "Consistency", value.consistency);
  if (j.contains("BindOptions") && j["BindOptions"].is_object()) {
    const auto& o = j["BindOptions"];
    bind_options b;
    get(o, "Propagation", b.propagation);
    get(o, "NonRecursive", b.non_recursive);
    get(o, "CreateMountpoint", b.create_mountpoint);
    get(o, "ReadOnlyNonRecursive", b.read_only_non_recursive);
    get(o, "ReadOnlyForceRecursive", b.read_only_force_recursive);
    value.bind = std::move(b);
  }
  if (j.contains("VolumeOptions") && j["VolumeOptions"].is_object()) {
    const auto& o = j["VolumeOptions"];
    volume_options v;
    get(o, "NoCopy", v.no_copy);
    get(o, "Labels", v.labels);
    if (o.contains("DriverConfig") && o["DriverConfig"].is_object()) {
      driver_config d;
      get(o["DriverConfig"], "Name", d.name);
      get(o["DriverConfig"], "Options", d.options);
      v.driver_config = std::move(d);
    }
    get(o, "Subpath", v.subpath);
    value.volume = std::move(v);
  }
  if (j.contains("TmpfsOptions") && j["TmpfsOptions"].is_object()) {
    const auto& o = j["TmpfsOptions"];
    tmpfs_options t;
    get(o, "SizeBytes", t.size_bytes);
    get(o, "Mode", t.mode);
    get(o, "Options", t.options);
    value.tmpfs = std::move(t);
  }
}

}  // namespace stackctl::engine
