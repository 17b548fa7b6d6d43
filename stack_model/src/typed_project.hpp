#pragma once
// Internal: the canonical document → the typed project (services, mounts, networks, ...).
#include <nlohmann/json.hpp>

#include "stackctl/model/project.hpp"

namespace stackctl::model::detail {

void fill_typed(project& p, const nlohmann::ordered_json& doc);
service typed_service(const std::string& name, const nlohmann::ordered_json& j);

}  // namespace stackctl::model::detail
