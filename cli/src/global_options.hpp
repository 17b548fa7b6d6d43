#pragma once
// Options that every command sees (the flags before the subcommand).
#include <string>
#include <vector>

namespace stackctl::cli {

struct global_options {
  bool verbose = false;                // --verbose: detail under error lines
  std::string host;                    // -H/--host: overrides DOCKER_HOST
  std::string context;                 // --context: a docker context (default: DOCKER_CONTEXT, config.json)
  bool compose_mode = false;           // run as the docker CLI plugin or as docker-compose
  std::vector<std::string> files;      // -f/--file (repeatable, "-" = stdin)
  std::string project_name;            // -p/--project-name
  std::string project_directory;       // --project-directory
  std::vector<std::string> env_files;  // --env-file (repeatable)
  std::vector<std::string> profiles;   // --profile (repeatable)
  std::string env_schema;              // --env-schema: the env schema (default: beside the compose file)
  int parallel = 0;  // --parallel: engine operations at once (0: $COMPOSE_PARALLEL_LIMIT, else -1 = unlimited)
};

}  // namespace stackctl::cli
