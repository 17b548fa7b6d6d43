#pragma once
// What the deploy commands (up, down, ps, logs, start, ...) work on: the loaded project when a
// compose file is found, else — as compose does for `-p NAME down|ps|logs|...` — just the project
// name, and the commands work from the containers' labels alone.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "global_options.hpp"
#include "stackctl/model/derived_environment.hpp"
#include "stackctl/model/project.hpp"

namespace stackctl::cli {

struct deploy_target {
  std::optional<model::project> project;  // absent: no compose file, name from -p / COMPOSE_PROJECT_NAME
  std::string name;
  bool named_by_user = false;  // -p or COMPOSE_PROJECT_NAME, not derived from a directory or file
  // The env schema's create_on_deploy paths, from the same derivation the project was loaded with
  // (never derived twice); only `up` creates them.
  std::vector<model::host_path> create_on_deploy;
};

// `services`: the names on the command line (they enable their profiles). With `need_file` the
// absence of a compose file is an error even when a project name is given (up, pull).
deploy_target resolve_target(const global_options& globals, const std::vector<std::string>& services, bool need_file);

// Commands that remove containers (down, rm, up --remove-orphans) act on every container labelled
// with the project's name. A loaded project with no services at all — an empty file, the wrong
// -f — would make that a stranger's stack, so they refuse unless the user named the project.
void refuse_removal_by_derived_name(const deploy_target& target, std::string_view command);

// Throws `no such service: X` for a name the loaded project does not have (nothing to check
// without a project).
void check_services(const deploy_target& target, const std::vector<std::string>& services);

// --parallel N when given (> 0 or -1), else COMPOSE_PARALLEL_LIMIT, else -1 (unlimited).
int parallel_limit(int flag);

// Colour on `fd` (a TTY, NO_COLOR unset or empty) unless `no_color`.
bool use_color(int fd, bool no_color);

}  // namespace stackctl::cli
