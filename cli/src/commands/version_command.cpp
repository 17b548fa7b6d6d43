// `stackctl version`: the client version, the engine's version and the negotiated API version.
#include <cstdio>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "../engine_connection.hpp"
#include "commands.hpp"
#include "stackctl/engine/client_version.hpp"

namespace stackctl::cli {

void register_version_command(CLI::App& app, const global_options& globals) {
  auto* cmd = app.add_subcommand("version", "Show the stackctl, engine and negotiated API versions");
  auto format = std::make_shared<std::string>("text");
  cmd->add_option("--format", *format, "Output format")->check(CLI::IsMember({"text", "json"}));

  cmd->callback([&globals, format] {
    auto engine = connect_engine(globals);
    const auto server = engine.system().version();
    const auto negotiated = engine.negotiated_version();
    if (*format == "json") {
      const nlohmann::json out = {
          {"client", {{"version", engine::client_version()}}},
          {"engine", {{"version", server.version}, {"api_version", server.api_version},
                      {"min_api_version", server.min_api_version}, {"os", server.os},
                      {"arch", server.arch}}},
          {"negotiated_api_version", negotiated.to_string()},
      };
      fmt::print("{}\n", out.dump(2));
      return;
    }
    fmt::print("stackctl version {}\n", engine::client_version());
    fmt::print("Engine:               {} ({}/{})\n", server.version, server.os, server.arch);
    fmt::print("Engine API version:   {} (minimum {})\n", server.api_version, server.min_api_version);
    fmt::print("Negotiated API:       {}\n", negotiated.to_string());
  });
}

}  // namespace stackctl::cli
