#pragma once
// How stackctl was started. The docker CLI runs a plugin for `docker compose ARGS` as
// `docker-compose [docker's global flags] compose ARGS` (docker/cli's plugin protocol, with
// DOCKER_CLI_PLUGIN_ORIGINAL_CLI_COMMAND set) after asking `docker-compose
// docker-cli-plugin-metadata`. Started by the name `docker-compose` without the word `compose`, it
// is a standalone docker-compose (v2). Either way compose's habits apply (its version line).
#include <string>
#include <vector>

namespace stackctl::cli {

struct launch {
  bool metadata = false;          // print plugin_metadata() and nothing else
  bool compose_mode = false;      // run as the compose plugin or as docker-compose
  std::vector<std::string> args;  // what the parser sees, the program name first
};

// Translates docker's global flags before `compose` into stackctl's (-H/--host, -c/--context,
// --config → DOCKER_CONFIG, -D/--debug → --verbose, --tlsverify → DOCKER_TLS_VERIFY; -l/--log-level
// is accepted and ignored). Throws std::runtime_error for a docker flag stackctl cannot honour.
launch classify_launch(int argc, char** argv);

// The metadata JSON the docker CLI reads (SchemaVersion, Vendor, Version, ShortDescription).
std::string plugin_metadata();

}  // namespace stackctl::cli
