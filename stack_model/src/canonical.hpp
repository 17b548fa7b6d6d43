#pragma once
// Internal: the merged tree → compose's canonical model (nlohmann::ordered_json in compose-go's
// struct field order), with validation errors that point at the source.
#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "stackctl/model/load_options.hpp"
#include "yaml_tree.hpp"

namespace stackctl::model::detail {

using json = nlohmann::ordered_json;

// Values only the JSON rendering shows (compose prints "command": null, "ipam": {} in JSON only).
json json_only_null();
json json_only_empty_object();
bool is_json_only(const json& j);

struct canonical_context {
  const load_options* options = nullptr;
  std::string project_name;
  std::string working_dir;  // absolute
  std::map<std::string, std::string, std::less<>> environment;
  std::vector<std::string> warnings;
  std::set<std::string> active_profiles;    // "*" = all
  json disabled_services = json::object();  // out: canonical forms of the services the profiles disable
};

// Builds the canonical project document (the disabled services go to ctx.disabled_services). Throws model_error.
json canonicalize(const tree& root, canonical_context& ctx);

// The raw merged model for `--no-interpolate` (sorted keys, paths resolved, default network).
json raw_model(const tree& root, canonical_context& ctx);

// YAML scalar → JSON value by YAML 1.2 core-schema resolution.
json scalar_value(const tree& t);

}  // namespace stackctl::model::detail
