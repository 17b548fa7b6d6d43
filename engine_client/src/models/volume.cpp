#include "stackctl/engine/volume.hpp"

#include "json_util.hpp"

namespace stackctl::engine {

using detail::get;
using detail::put;
using detail::put_nonempty;

nlohmann::json to_json(const volume_create_request& value, api_version /*version*/) {
  // Nothing here is newer than 1.40; the version parameter keeps the serializers uniform.
  nlohmann::json j = nlohmann::json::object();
  put_nonempty(j, "Name", value.name);
  put(j, "Driver", value.driver);
  put_nonempty(j, "DriverOpts", value.driver_opts);
  put_nonempty(j, "Labels", value.labels);
  return j;
}

void from_json(const nlohmann::json& j, volume& value) {
  value = volume{};
  get(j, "Name", value.name);
  get(j, "Driver", value.driver);
  get(j, "Mountpoint", value.mountpoint);
  get(j, "CreatedAt", value.created_at);
  get(j, "Scope", value.scope);
  get(j, "Labels", value.labels);
  get(j, "Options", value.options);
  const auto& usage = detail::member(j, "UsageData");
  if (!usage.empty()) {
    volume_usage u;
    get(usage, "Size", u.size);
    get(usage, "RefCount", u.ref_count);
    value.usage_data = u;
  }
}

void from_json(const nlohmann::json& j, volume_list& value) {
  value = volume_list{};
  get(j, "Volumes", value.volumes);
  get(j, "Warnings", value.warnings);
}

}  // namespace stackctl::engine
