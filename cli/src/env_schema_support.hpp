#pragma once
// The CLI side of the env schema (docs/env-schema.md): which schema applies (--env-schema, else the
// one beside the first compose file), which .env it reads, the environment derived from them for
// every project-loading command, and the host paths that only `up` creates.
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
#include "stackctl/model/project.hpp"

namespace stackctl::cli {

// Where the project is, as far as the schema needs it (compose's rules, before loading).
struct project_location {
  std::optional<std::filesystem::path> compose_file;  // the first compose file (absolute); none for "-" / not found
  std::filesystem::path project_dir;                  // --project-directory, else the compose file's dir, else cwd
  std::vector<std::filesystem::path> env_files;       // --env-file (else COMPOSE_ENV_FILES), absolute; empty → .env
  std::filesystem::path dotenv_path() const;          // the env file `env init` writes and doctor reads first
};

project_location locate_project(const global_options& globals, const std::map<std::string, std::string>& process_env);

// --env-schema FILE (relative to the cwd), else find_env_schema(first compose file); nullopt: none.
std::optional<std::filesystem::path> env_schema_file(const global_options& globals, const project_location& where);

// The .env files read with the schema's grammar: one file, or several concatenated in order (a later
// entry wins). A named --env-file that does not exist is compose's "couldn't find env file" error.
model::dotenv_file read_env_files_for_schema(const project_location& where, const model::env_map& process_env);

// The derivation for this invocation: nullopt without a schema. Throws model_error.
struct schema_environment {
  model::env_schema schema;
  model::dotenv_file dotenv;
  model::derived_environment derived;
};
std::optional<schema_environment> derive_schema_environment(const global_options& globals,
                                                            const std::map<std::string, std::string>& process_env);

// With a schema: o.environment becomes the derived environment, and load() is told not to read the
// env files again (they are already in it, with the schema's precedence). Returns the schema's
// create_on_deploy paths of that same derivation, which only `up` creates (deploy::up_options).
// No-op returning nothing without a schema.
std::vector<model::host_path> apply_env_schema(const global_options& globals, model::load_options& o);

}  // namespace stackctl::cli
