#pragma once
// Selecting services, as compose does for `config svc` / `up svc`: the named services and everything
// they depend on stay, the rest become disabled, and the top-level resources only those used go.
#include <string>
#include <vector>

#include "stackctl/model/project.hpp"

namespace stackctl::model {

// Keeps the named services and their depends_on closure (service_graph::closure; implicit
// dependencies are folded into depends_on already); the other services move to disabled_services, and networks,
// volumes, secrets and configs that no kept service uses are dropped (compose-go's
// WithoutUnnecessaryResources), in the typed maps and the rendered document alike. No-op when `names`
// is empty. Throws unknown_service for a name the project does not have (enabled services only).
void select_services(project& p, const std::vector<std::string>& names);

}  // namespace stackctl::model
