#pragma once
// The CLI side of the env schema (docs/env-schema.md): which schema applies (--env-schema, else the
// one beside the first compose file), which .env it reads, the environment derived from them for
// every project-loading command, and the host paths that only `up` creates.
// Where the project is comes from model::locate_project (one set of rules with the loader).
// Without a schema nothing here changes anything: stackctl behaves exactly like compose.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "global_options.hpp"
#include "stackctl/model/derived_environment.hpp"
#include "stackctl/model/env_schema.hpp"
#include "stackctl/model/load_options.hpp"
#include "stackctl/model/project_location.hpp"

namespace stackctl::cli {

// The location from the global flags and the process environment (model::locate_project).
model::project_location locate_project(const global_options& globals, model::env_file_reading reading);

// The first compose file that is a file (not "-"), if any: the schema is looked for beside it.
std::optional<std::filesystem::path> first_compose_file(const model::project_location& where);

// --env-schema FILE (relative to the cwd), else find_env_schema(first compose file); nullopt: none.
std::optional<std::filesystem::path> env_schema_file(const global_options& globals,
                                                     const model::project_location& where);

// The .env files read with the schema's grammar: the named ones concatenated in order (a later entry
// wins), else <project dir>/.env unless COMPOSE_DISABLE_ENV_FILE. A named --env-file that does not
// exist is compose's "couldn't find env file" error.
model::dotenv_file read_env_files_for_schema(const model::project_location& where, const model::env_map& process_env);

// The derivation for this invocation: nullopt without a schema. Throws model_error.
struct schema_environment {
  model::env_schema schema;
  model::dotenv_file dotenv;
  model::derived_environment derived;
};
std::optional<schema_environment> derive_schema_environment(const global_options& globals,
                                                            const model::project_location& where,
                                                            const model::env_map& process_env);

// With a schema: the location seen with the derived environment (the env files are in it already,
// with the schema's precedence, so load() reads nothing again), and `create_on_deploy` (when given)
// receives the schema's paths of that same derivation, which only `up` creates. Without a schema the
// location is returned unchanged.
model::project_location apply_env_schema(const global_options& globals, model::project_location where,
                                         const std::map<std::string, std::string>& process_env,
                                         std::vector<model::host_path>* create_on_deploy);

}  // namespace stackctl::cli
