#pragma once
// A loaded, validated Compose project: an immutable value that `config` prints and deploy plans from.
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "stackctl/model/file_object.hpp"
#include "stackctl/model/network.hpp"
#include "stackctl/model/service.hpp"
#include "stackctl/model/volume.hpp"

namespace stackctl::model {

struct project {
  std::string name;
  std::filesystem::path working_dir;
  std::vector<std::string> compose_files;            // absolute paths ("-" for stdin)
  std::map<std::string, service> services;           // enabled by the active profiles
  std::map<std::string, service> disabled_services;  // kept aside: not orphans
  std::map<std::string, network> networks;
  std::map<std::string, volume> volumes;
  std::map<std::string, file_object> secrets;
  std::map<std::string, file_object> configs;
  std::vector<std::string> active_profiles;
  std::vector<std::string> all_profiles;           // every profile any service names, sorted
  std::map<std::string, std::string> environment;  // shell ⊕ env files: the interpolation source
  std::vector<std::string> warnings;               // e.g. unknown service fields

  // The canonical model as `docker compose config` prints it (compose-go struct order), and, with
  // interpolation off, the raw merged model (sorted keys). Kept so rendering is exact.
  std::shared_ptr<const nlohmann::ordered_json> canonical;
  bool interpolated = true;
};

}  // namespace stackctl::model
