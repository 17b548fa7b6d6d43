#include "stackctl/engine/image.hpp"

#include "json_util.hpp"

namespace stackctl::engine {

using detail::get;

void from_json(const nlohmann::json& j, image_summary& value) {
  value = image_summary{};
  get(j, "Id", value.id);
  get(j, "ParentId", value.parent_id);
  get(j, "RepoTags", value.repo_tags);
  get(j, "RepoDigests", value.repo_digests);
  get(j, "Created", value.created);
  get(j, "Size", value.size);
  get(j, "SharedSize", value.shared_size);
  get(j, "Containers", value.containers);
  get(j, "Labels", value.labels);
}

void from_json(const nlohmann::json& j, image_config& value) {
  value = image_config{};
  get(j, "User", value.user);
  get(j, "WorkingDir", value.working_dir);
  get(j, "Env", value.env);
  get(j, "Cmd", value.cmd);
  get(j, "Entrypoint", value.entrypoint);
  get(j, "Labels", value.labels);
  detail::get_key_set(j, "ExposedPorts", value.exposed_ports);
  detail::get_key_set(j, "Volumes", value.volumes);
  get(j, "Healthcheck", value.healthcheck);
  get(j, "StopSignal", value.stop_signal);
}

void from_json(const nlohmann::json& j, image_inspect& value) {
  value = image_inspect{};
  get(j, "Id", value.id);
  get(j, "RepoTags", value.repo_tags);
  get(j, "RepoDigests", value.repo_digests);
  get(j, "Parent", value.parent);
  get(j, "Comment", value.comment);
  get(j, "Created", value.created);
  get(j, "Author", value.author);
  get(j, "Architecture", value.architecture);
  get(j, "Variant", value.variant);
  get(j, "Os", value.os);
  get(j, "Size", value.size);
  get(j, "Config", value.config);
}

void from_json(const nlohmann::json& j, image_delete_item& value) {
  value = image_delete_item{};
  get(j, "Untagged", value.untagged);
  get(j, "Deleted", value.deleted);
}

}  // namespace stackctl::engine
