#pragma once
// service → POST /containers/create body, as pure functions (no engine calls).
#include <map>
#include <string>
#include <vector>

#include "stackctl/engine/api_version.hpp"
#include "stackctl/engine/container_create.hpp"
#include "stackctl/engine/networking_config.hpp"
#include "stackctl/model/project.hpp"

namespace stackctl::deploy {

// What the create body needs beyond the model.
struct container_context {
  std::string name;         // the final container name (aliases use it)
  int number = 1;
  std::string config_hash;  // com.docker.compose.config-hash
  std::string image_id;     // com.docker.compose.image
  // Container id of the first container of a service, for `network_mode: service:x`,
  // `volumes_from: [x]` and the ipc/pid `service:x` forms.
  std::map<std::string, std::string> service_container_ids;
};

// One network a container joins: engine network name and its endpoint (aliases = container name,
// service name, configured aliases).
struct network_attachment {
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
                                                     const container_context& ctx,
                                                     engine::api_version version);
// The attachments that are not in the create body for `version` (to connect before start).
std::vector<network_attachment> extra_networks(const model::project& p, const model::service& s,
                                               const std::string& container_name,
                                               engine::api_version version);

// "KEY=value" entries; a key without value is looked up in the project environment, dropped if absent.
std::vector<std::string> environment_list(const model::project& p, const model::service& s);

// Host directories up must create: sources of binds that ask for create_host_path.
std::vector<std::string> bind_sources_to_create(const model::service& s);

}  // namespace stackctl::deploy
