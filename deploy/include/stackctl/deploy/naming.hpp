#pragma once
// Engine names and label sets of a project's objects, exactly as compose v2 makes them:
// containers `<project>-<service>-<n>` (or container_name), networks and volumes
// `<project>_<key>` unless `name:` (the model has already resolved `name`).
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "stackctl/model/project.hpp"
#include "stackctl/model/service_graph.hpp"

namespace stackctl::deploy {

// The value of com.docker.compose.version on what stackctl creates (compose v2's format).
std::string_view compose_version();

// `<project>-<service>-<number>`, or the service's container_name.
std::string container_name(const model::project& p, const model::service& s, int number);
// The name used during a recreate: `<first 12 hex of the old id>_<final name>`.
std::string temporary_name(std::string_view old_id, std::string_view final_name);
// The engine name of a top-level network / volume key (throws std::out_of_range for an unknown key).
const std::string& network_name(const model::project& p, const std::string& key);
const std::string& volume_name(const model::project& p, const std::string& key);

// `svc:condition:restart` entries joined by ',' (sorted by service, so the label is stable).
std::string depends_on_label(const model::service& s);
// That label read back (a condition this version does not know orders only).
std::vector<model::dependency_edge> parse_depends_on_label(const std::string& value);

// The stackctl.config-fields label of a service's fingerprint fields ("key=digest,..." sorted by key).
std::string config_fields_label(const std::map<std::string, std::string>& fields);
// The keys whose digest differs between two such labels (present in one only included), sorted;
// empty when `old_label` is empty (a container made before the label existed).
std::vector<std::string> changed_config_fields(const std::string& old_label, const std::string& new_label);

// User labels + the compose set (project, service, container-number, oneoff=False, config-hash,
// project.working_dir, project.config_files, depends_on, image, version).
std::map<std::string, std::string> container_labels(const model::project& p, const model::service& s, int number,
                                                    const std::string& config_hash, const std::string& image_id);
// User labels + com.docker.compose.network/.project/.version.
std::map<std::string, std::string> network_labels(const model::project& p, const model::network& n);
// User labels + com.docker.compose.volume/.project/.version.
std::map<std::string, std::string> volume_labels(const model::project& p, const model::volume& v);

// The label filter of every lookup of a project's containers (project=P and config-hash present).
std::string project_label_value(std::string_view project);

}  // namespace stackctl::deploy
