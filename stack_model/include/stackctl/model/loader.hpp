#pragma once
// The load pipeline in compose's order: working directory, environment, files, project name,
// per-file interpolation, merge, canonical forms, profiles, validation. Throws model_error.
#include "stackctl/model/load_options.hpp"
#include "stackctl/model/project.hpp"
#include "stackctl/model/project_location.hpp"

namespace stackctl::model {

// load(options, locate_project(options)). Throws no_config_file when no compose file is named or found.
project load(const load_options& options);

// Loads from a location decided already (e.g. with_environment() of the env schema's derived
// environment): its files, directories and environment are used as they are; `options` supplies the
// rest (stdin content, profiles, services, the interpolate/normalize/... switches).
project load(const load_options& options, const project_location& where);

}  // namespace stackctl::model
