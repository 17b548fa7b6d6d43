#include "engine_connection.hpp"

#include "stackctl/engine/docker_context.hpp"

namespace stackctl::cli {

engine::client connect_engine(const global_options& globals) {
  return engine::client(engine::resolve_endpoint({globals.host, globals.context}).options);
}

}  // namespace stackctl::cli
