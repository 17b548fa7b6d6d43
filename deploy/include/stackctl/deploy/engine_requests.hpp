#pragma once
// The one place the model becomes engine requests, one function per resource kind, all pure (no
// engine calls): network → POST /networks/create, volume → POST /volumes/create, service →
// POST /containers/create (plus the endpoints, injected files and bind directories around it).
#include <map>
#include <string>
#include <vector>

#include "stackctl/engine/api_version.hpp"
#include "stackctl/engine/container_create.hpp"
#include "stackctl/engine/container_inspect.hpp"
#include "stackctl/engine/network.hpp"
#include "stackctl/engine/networking_config.hpp"
#include "stackctl/engine/tar_archive.hpp"
#include "stackctl/engine/volume.hpp"
#include "stackctl/model/project.hpp"

namespace stackctl::deploy {

// What the create body needs beyond the model.
struct container_context {
  std::string name;  // the final container name (aliases use it)
  int number = 1;
  std::string config_hash;    // com.docker.compose.config-hash
  std::string config_fields;  // stackctl.config-fields (naming.hpp config_fields_label)
  std::string image_id;       // com.docker.compose.image
  // Container id of the first container of a service, for `network_mode: service:x`,
  // `volumes_from: [x]` and the ipc/pid `service:x` forms.
  std::map<std::string, std::string> service_container_ids;
  // Names of every container of a service (`links:` link each of them).
  std::map<std::string, std::vector<std::string>> service_container_names;
};

// The top-level network / volume `key` (compose labels included).
engine::network_create_request network_request(const model::project& p, const std::string& key);
engine::volume_create_request volume_request(const model::project& p, const std::string& key);

// One network a container joins: engine network name and its endpoint (aliases = container name,
// service name, configured aliases).
struct network_attachment {
  std::string key;  // the network's key in the project
  std::string network;
  engine::endpoint_settings endpoint;
};

// The service's networks in attachment order: the primary (highest priority, ties by key) first.
// Empty with a network_mode.
std::vector<network_attachment> network_attachments(const model::project& p, const model::service& s,
                                                    const std::string& container_name);

// The create body. On API < 1.44 only the primary network is in NetworkingConfig: connect the
// others (extra_networks) before start.
engine::container_create_request make_create_request(const model::project& p, const model::service& s,
                                                     const container_context& ctx, engine::api_version version);
// The attachments that are not in the create body for `version` (to connect before start).
std::vector<network_attachment> extra_networks(const model::project& p, const model::service& s,
                                               const std::string& container_name, engine::api_version version);

// The endpoint a container (ctx.name) of `s` has on its network `key` as the create call (or the
// connect before start) gives it: aliases, addresses, links, MAC from API 1.44. For reconnecting a
// container after its network was recreated.
engine::endpoint_settings endpoint_on(const model::project& p, const model::service& s, const std::string& key,
                                      const container_context& ctx, engine::api_version version);

// Compose keeps a recreated container's anonymous volumes (image VOLUMEs, `- /path` entries): the
// old container's unnamed volumes are mounted at the same targets unless the service mounts
// something there, and recorded in stackctl.inherited-volumes (so `down -v` knows them).
void inherit_anonymous_volumes(const model::project& p, const model::service& s, const engine::container_inspect& old,
                               engine::container_create_request& req);

// "KEY=value" entries; a key without value is looked up in the project environment, a bare "KEY"
// (unset in the container, as compose sends it) when set nowhere.
std::vector<std::string> environment_list(const model::project& p, const model::service& s);

// A secret or config whose content is inline (`content:`) or comes from the environment
// (`environment:`): compose copies it into the container before each start
// (PUT /containers/{id}/archive?path=/ with a one-file tar), since there is no file to bind.
struct injected_file {
  std::string kind;           // "secret" or "config"
  std::string name;           // the top-level key
  engine::tar_entry entry;    // name = absolute target (/run/secrets/<x>, /<x>), mode 0444 unless set
  bool copy_uid_gid = false;  // uid or gid given
};
// Throws deploy_error (invalid) for an environment variable set nowhere, a non-numeric uid/gid and
// a read-only service (compose's messages).
std::vector<injected_file> injected_files(const model::project& p, const model::service& s);

// Host directories up must create: sources of binds that ask for create_host_path.
std::vector<std::string> bind_sources_to_create(const model::service& s);

}  // namespace stackctl::deploy
