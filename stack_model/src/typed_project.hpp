#pragma once
// Internal: the canonical document → the typed project (services, mounts, networks, ...).
#include <nlohmann/json.hpp>

#include "stackctl/model/project.hpp"

namespace stackctl::model::detail {

// `disabled`: the canonical forms of the services the profiles disable (→ p.disabled_services).
void fill_typed(project& p, const nlohmann::ordered_json& doc, const nlohmann::ordered_json& disabled);
service typed_service(const std::string& name, const nlohmann::ordered_json& j);

}  // namespace stackctl::model::detail
