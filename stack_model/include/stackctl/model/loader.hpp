#pragma once
// The load pipeline in compose's order: working directory, environment, files, project name,
// per-file interpolation, merge, canonical forms, profiles, validation. Throws model_error.
#include "stackctl/model/load_options.hpp"
#include "stackctl/model/project.hpp"

namespace stackctl::model {

project load(const load_options& options);

}  // namespace stackctl::model
