#pragma once
// Project-name rules (compose §1.2): -p and COMPOSE_PROJECT_NAME must already be valid; `name:` and
// the directory name are normalised silently.
#include <string>
#include <string_view>

namespace stackctl::model {

// Lower-case, keep [a-z0-9_-], strip leading '_' and '-'.
std::string normalize_project_name(std::string_view name);

// Throws model_error `invalid project name "X": must consist only of ...` unless already valid.
void validate_project_name(std::string_view name);

bool is_valid_project_name(std::string_view name);

}  // namespace stackctl::model
