#pragma once
// Networks: POST /networks/create (request and reply), GET /networks and /networks/{id}.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "stackctl/engine/api_version.hpp"
#include "stackctl/engine/label_lookup.hpp"

namespace stackctl::engine {

struct ipam_pool {
  std::optional<std::string> subnet;
  std::optional<std::string> ip_range;
  std::optional<std::string> gateway;
  std::map<std::string, std::string> aux_addresses;
  friend bool operator==(const ipam_pool&, const ipam_pool&) = default;
};

struct ipam {
  std::optional<std::string> driver;  // "default"
  std::vector<ipam_pool> config;
  std::map<std::string, std::string> options;
  friend bool operator==(const ipam&, const ipam&) = default;
};

struct network_create_request {
  std::string name;
  // Before 1.44 duplicate names are allowed unless this is true (then 409); 1.44 always refuses
  // duplicates and ignores the field, so it is harmless to keep sending it.
  std::optional<bool> check_duplicate;
  std::optional<std::string> driver;  // bridge|overlay|macvlan|...
  std::optional<std::string> scope;
  std::optional<bool> internal;
  std::optional<bool> attachable;
  std::optional<bool> ingress;
  std::optional<bool> enable_ipv6;
  std::optional<engine::ipam> ipam;
  std::map<std::string, std::string> options;
  std::map<std::string, std::string> labels;
  friend bool operator==(const network_create_request&, const network_create_request&) = default;
};

struct network_create_response {
  std::string id;
  std::string warning;
};

// Containers[id] of a network inspect.
struct network_container {
  std::string name;
  std::string endpoint_id;
  std::string mac_address;
  std::string ipv4_address;  // with prefix: "172.29.0.2/24"
  std::string ipv6_address;
};

// GET /networks/{id} and each item of GET /networks (where `containers` is empty).
struct network_inspect {
  std::string name;
  std::string id;
  std::string created;
  std::string scope;  // local|swarm|global
  std::string driver;
  bool enable_ipv6 = false;
  bool internal = false;
  bool attachable = false;
  bool ingress = false;
  engine::ipam ipam;
  std::map<std::string, network_container> containers;  // by container id
  std::map<std::string, std::string> options;
  std::map<std::string, std::string> labels;

  std::string label(std::string_view key) const { return label_value(labels, key); }
};

// Versioned: throws engine_error(version) for a set field newer than `version`.
nlohmann::json to_json(const network_create_request& value, api_version version);
void from_json(const nlohmann::json& j, ipam_pool& value);
void from_json(const nlohmann::json& j, ipam& value);
void from_json(const nlohmann::json& j, network_create_response& value);
void from_json(const nlohmann::json& j, network_container& value);
void from_json(const nlohmann::json& j, network_inspect& value);

}  // namespace stackctl::engine
