#pragma once
// Builds the engine client the commands use: the environment (DOCKER_HOST, DOCKER_API_VERSION,
// DOCKER_CERT_PATH, DOCKER_TLS_VERIFY) with -H/--host on top.
#include "global_options.hpp"
#include "stackctl/engine/client.hpp"

namespace stackctl::cli {

engine::client connect_engine(const global_options& globals);

}  // namespace stackctl::cli
