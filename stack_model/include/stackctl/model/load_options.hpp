#pragma once
// What `load` needs: the files, the directories and the environment. The caller passes the process
// environment in, so loading is a pure function of its inputs (the library never reads getenv).
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace stackctl::model {

struct load_options {
  // `-f` files in order; "-" means `stdin_content`. Empty → COMPOSE_FILE, else discovery.
  std::vector<std::string> files;
  std::string stdin_content;                               // the content of "-" when it is named
  std::filesystem::path current_directory;                 // cwd of the caller; relative paths resolve against it
  std::optional<std::filesystem::path> project_directory;  // --project-directory
  std::optional<std::string> project_name;                 // -p
  std::vector<std::string> env_files;                      // --env-file (repeatable); empty → <project dir>/.env
  std::vector<std::string> profiles;                       // --profile; empty → COMPOSE_PROFILES
  std::vector<std::string> enabled_services;               // services named on the command line (enable their profiles)
  std::map<std::string, std::string> environment;          // the process environment
  bool interpolate = true;                                 // false: `config --no-interpolate`
  bool resolve_paths = true;                               // make relative host paths absolute
  bool normalize = true;                                   // add the default network, name resources <project>_<key>
  bool consistency = true;            // check references (undefined volume/network/service, cycles)
  bool all_resources = false;         // keep networks/volumes/secrets/configs no service uses
  bool keep_env_file_fields = false;  // render env_file/label_file (compose-go) instead of dropping them (CLI)
};

}  // namespace stackctl::model
