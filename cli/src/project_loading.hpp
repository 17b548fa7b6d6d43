#pragma once
// The glue between the command line and stack_model::load: global flags + the process
// environment + the current directory → load_options, then the loaded project with its warnings
// printed on stderr. Every command that reads a Compose project (config, up, down, ps, ...) goes
// through here so they all see the same files, environment and project name.
#include <map>
#include <string>
#include <vector>

#include "global_options.hpp"
#include "stackctl/model/derived_environment.hpp"
#include "stackctl/model/load_options.hpp"
#include "stackctl/model/project.hpp"

namespace stackctl::cli {

// The process environment (environ) as a map; PWD is added when absent, as compose does.
std::map<std::string, std::string> process_environment();

// load_options from the global flags: files, -p, --project-directory, --env-file, --profile, the
// process environment and the current directory; nothing read yet (stdin stays unread). What
// model::locate_project needs. COMPOSE_FILE, COMPOSE_PROJECT_NAME, COMPOSE_PROFILES and
// COMPOSE_ENV_FILES are left to the library, which reads them from `environment` (after .env, so a
// .env can set them too).
model::load_options make_location_options(const global_options& globals);

// The same plus `services`, the names given on the command line (they enable their profiles), and
// the content of stdin when a file is "-".
model::load_options make_load_options(const global_options& globals, const std::vector<std::string>& services = {});

// Locates the project (model::locate_project), applies the env schema when one applies (--env-schema,
// or beside the first compose file: the environment becomes the one the schema derives from .env and
// the shell, env_schema_support.hpp), loads it and prints its warnings on stderr. `create_on_deploy`
// (when given) receives the schema's paths that `up` creates. Throws model_error on bad input,
// model::no_config_file when there is no compose file.
model::project load_project(const global_options& globals, const model::load_options& options,
                            std::vector<model::host_path>* create_on_deploy = nullptr);

// The same without printing the warnings (they stay in project::warnings).
model::project locate_and_load(const global_options& globals, const model::load_options& options,
                               std::vector<model::host_path>* create_on_deploy = nullptr);

// Prints one warning line on stderr ("stackctl: warning: <text>").
void print_warning(const std::string& text);

}  // namespace stackctl::cli
