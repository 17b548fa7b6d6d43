#pragma once
// Where a project is, decided once from the load options and the environment, with compose's rules:
// the compose files (-f, else COMPOSE_FILE split by COMPOSE_PATH_SEPARATOR, else discovery upwards),
// the env files (--env-file, else COMPOSE_ENV_FILES, else .env unless COMPOSE_DISABLE_ENV_FILE),
// the project directory (--project-directory, else the first compose file's directory) and the
// project name (-p, else COMPOSE_PROJECT_NAME, else the files' `name:`, else the directory's name).
// The loader, the env schema and the CLI all start from this value.
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "stackctl/model/load_options.hpp"

namespace stackctl::model {

enum class project_name_source {
  flag,          // -p
  environment,   // COMPOSE_PROJECT_NAME (the shell or an env file)
  compose_file,  // a top-level `name:` (decided by the loader, which reads the files)
  directory,     // the project directory's name, normalised; may be empty
};

struct project_location {
  std::filesystem::path working_directory;  // the caller's directory: -f, --env-file, -p dir resolve against it
  std::filesystem::path project_directory;  // compose's working_dir: relative paths in the files resolve against it
  std::vector<std::string> compose_files;   // absolute, in order ("-" = stdin); empty: none named, none found
  std::vector<std::filesystem::path> env_files;  // the env files read into `environment`, in order, absolute
  bool env_files_named = false;                  // they came from --env-file / COMPOSE_ENV_FILES
  bool default_env_file_disabled = false;        // COMPOSE_DISABLE_ENV_FILE is true (only without named ones)
  std::map<std::string, std::string, std::less<>> environment;  // the process environment ⊕ env files (shell wins)
  std::string project_name;                                     // valid, except a `directory` name, which may be empty
  project_name_source name_source = project_name_source::directory;
  std::vector<std::string> warnings;  // e.g. several compose files with the standard names

  // The project's own env file: the first named one, else <project_directory>/.env (whether or not it exists).
  std::filesystem::path dotenv_path() const;
};

// Whether locate_project reads the env files (so COMPOSE_FILE, COMPOSE_PROJECT_NAME, ... set in a
// .env count, as for loading) or only names them, existing or not (commands that write or render a .env).
enum class env_file_reading { read, skip };

// Decides the location as load() does. Throws model_error: a named compose file (or, when reading, env
// file) that does not exist, a compose file that is a directory, an invalid -p / COMPOSE_PROJECT_NAME, a
// COMPOSE_DISABLE_ENV_FILE that is not a boolean, an unreadable env file. Finding no compose file is
// not an error here (compose_files is empty; load() throws no_config_file).
project_location locate_project(const load_options& options, env_file_reading reading = env_file_reading::read);

// The same location seen with another environment (the env schema's derived one): the project name
// is decided again from it unless -p named it; files and directories stay as they are.
project_location with_environment(project_location where, std::map<std::string, std::string, std::less<>> environment);

}  // namespace stackctl::model
