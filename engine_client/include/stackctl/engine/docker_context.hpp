#pragma once
// Which daemon to talk to, decided as the docker CLI decides it, so `docker --context X compose`
// and `stackctl --context X` reach the same engine. The docker CLI's rule (cli/command/cli.go):
// --context NAME (conflicts with -H) > -H > DOCKER_HOST > DOCKER_CONTEXT > "currentContext" of
// $DOCKER_CONFIG/config.json > "default" (DOCKER_HOST, else the local socket). A named context is
// read from the context store: contexts/meta/<sha256 of name>/meta.json (its docker endpoint's
// Host and SkipTLSVerify) and contexts/tls/<same>/docker/{ca,cert,key}.pem.
#include <filesystem>
#include <string>

#include "stackctl/engine/client_options.hpp"

namespace stackctl::engine {

// $DOCKER_CONFIG, else ~/.docker.
std::filesystem::path docker_config_dir();

struct endpoint_flags {
  std::string host;     // -H/--host
  std::string context;  // --context
};

struct resolved_endpoint {
  client_options options;  // from_env() with the host (and TLS) the choice gives
  std::string context;     // "default" or the context's name
};

// Throws engine_error(connection) with one line for -H together with --context, a context that
// does not exist ("context \"x\" does not exist (docker context ls lists them)") or an unreadable
// meta.json.
resolved_endpoint resolve_endpoint(const endpoint_flags& flags,
                                   const std::filesystem::path& config_dir = docker_config_dir());

}  // namespace stackctl::engine
