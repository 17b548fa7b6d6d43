#pragma once
// `docker compose config` output of a project: YAML, JSON, the list outputs and the config hash.
#include <map>
#include <string>
#include <vector>

#include "stackctl/model/project.hpp"

namespace stackctl::model {

// The document as `docker compose config` prints it ('$' doubled when the project was
// interpolated; keys sorted when it was not). YAML ends with one newline, JSON with none.
std::string render_yaml(const project& p);
std::string render_json(const project& p);

std::vector<std::string> service_names(const project& p);  // sorted
std::vector<std::string> volume_names(const project& p);   // keys, sorted
std::vector<std::string> network_names(const project& p);  // keys, sorted
std::vector<std::string> image_names(const project& p);    // image, else <project>-<service>
std::vector<std::string> profile_names(const project& p);  // every profile declared, sorted

// A stable hash (sha256 hex) of the service's canonical form: deploy stores it as
// com.docker.compose.config-hash and recreates a container when it changes.
std::string config_hash(const project& p, const std::string& service);

// The config hash and, per top-level key of the hashed form (environment, ports, ...), a short
// digest of that key's value: deploy records the digests so a recreate can say which keys changed.
struct service_fingerprint {
  std::string hash;                           // == config_hash(p, service)
  std::map<std::string, std::string> fields;  // key → first 12 hex of the value's sha256
};
service_fingerprint fingerprint_service(const project& p, const std::string& service);

// The same for a top-level network / volume (by key), as compose's NetworkHash / VolumeHash: deploy
// labels them with it; a changed network is recreated, a changed volume is reported. A volume
// without a driver hashes as driver "local".
std::string network_config_hash(const project& p, const std::string& key);
std::string volume_config_hash(const project& p, const std::string& key);

}  // namespace stackctl::model
