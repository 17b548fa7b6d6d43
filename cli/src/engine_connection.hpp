#pragma once
// Builds the engine client the commands use: the environment (DOCKER_HOST, DOCKER_API_VERSION,
// DOCKER_CERT_PATH, DOCKER_TLS_VERIFY), -H/--host and docker contexts (--context, DOCKER_CONTEXT,
// the docker CLI's current context) chosen as the docker CLI chooses (engine/docker_context.hpp).
#include "global_options.hpp"
#include "stackctl/engine/client.hpp"

namespace stackctl::cli {

engine::client connect_engine(const global_options& globals);

}  // namespace stackctl::cli
