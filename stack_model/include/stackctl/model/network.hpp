#pragma once
// A top-level network (`networks:`), after normalisation.
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace stackctl::model {

struct ipam_pool {
  std::string subnet, gateway, ip_range;
  std::map<std::string, std::string> aux_addresses;
};

struct network {
  std::string key;   // the name in the compose file
  std::string name;  // the engine name: `name:`, else <project>_<key> (external: the key)
  std::string driver;
  std::map<std::string, std::string> driver_opts;
  std::string ipam_driver;
  std::vector<ipam_pool> ipam_config;
  std::map<std::string, std::string> ipam_options;
  bool external = false;
  bool internal = false;
  bool attachable = false;
  std::optional<bool> enable_ipv4, enable_ipv6;
  std::map<std::string, std::string> labels;
};

}  // namespace stackctl::model
