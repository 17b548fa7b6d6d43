#include "engine_connection.hpp"

namespace stackctl::cli {

engine::client connect_engine(const global_options& globals) {
  auto options = engine::client_options::from_env();
  if (!globals.host.empty()) options.host = globals.host;
  return engine::client(std::move(options));
}

}  // namespace stackctl::cli
