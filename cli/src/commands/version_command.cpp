// `stackctl version`: the client version, the endpoint (and docker context) it reached, the
// engine's version and the negotiated API version. As the compose plugin (or docker-compose) it
// prints compose's line instead, without contacting the engine, as `docker compose version` does.
#include <cstdio>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "stackctl/deploy/naming.hpp"
#include "stackctl/engine/client.hpp"
#include "stackctl/engine/client_version.hpp"
#include "stackctl/engine/docker_context.hpp"

namespace stackctl::cli {
namespace {

struct version_flags {
  std::string format = "text";
  bool short_form = false;
};

// compose's `version`: "Docker Compose version v2.40.3 (stackctl 0.1.0)"; --short "2.40.3" (the
// compose release whose behaviour stackctl follows, which scripts compare against).
void print_compose_version(const version_flags& f) {
  const auto compose = deploy::compose_version();
  if (f.short_form) {
    fmt::print("{}\n", compose);
  } else if (f.format == "json") {
    fmt::print("{}\n",
               nlohmann::ordered_json{{"version", fmt::format("v{}", compose)}, {"stackctl", engine::client_version()}}
                   .dump());
  } else {
    fmt::print("Docker Compose version v{} (stackctl {})\n", compose, engine::client_version());
  }
}

void print_stackctl_version(const global_options& globals, const version_flags& f) {
  if (f.short_form) {
    fmt::print("{}\n", engine::client_version());
    return;
  }
  const auto endpoint = engine::resolve_endpoint({globals.host, globals.context});
  const auto host = endpoint.options.host.empty() ? std::string(engine::kDefaultDockerHost) : endpoint.options.host;
  engine::client client(endpoint.options);
  const auto server = client.system().version();
  const auto negotiated = client.negotiated_version();
  if (f.format == "json") {
    const nlohmann::json out = {
        {"client", {{"version", engine::client_version()}}},
        {"endpoint", {{"host", host}, {"context", endpoint.context}}},
        {"engine",
         {{"version", server.version},
          {"api_version", server.api_version},
          {"min_api_version", server.min_api_version},
          {"os", server.os},
          {"arch", server.arch}}},
        {"negotiated_api_version", negotiated.to_string()},
    };
    fmt::print("{}\n", out.dump(2));
    return;
  }
  fmt::print("stackctl version {}\n", engine::client_version());
  fmt::print("Endpoint:             {} (context {})\n", host, endpoint.context);
  fmt::print("Engine:               {} ({}/{})\n", server.version, server.os, server.arch);
  fmt::print("Engine API version:   {} (minimum {})\n", server.api_version, server.min_api_version);
  fmt::print("Negotiated API:       {}\n", negotiated.to_string());
}

}  // namespace

void register_version_command(CLI::App& app, const global_options& globals) {
  auto* cmd = app.add_subcommand("version", "Show the stackctl, endpoint, engine and negotiated API versions");
  auto f = std::make_shared<version_flags>();
  // -f is the global --file elsewhere; here, as in compose, it is the format.
  cmd->add_option("-f,--format", f->format, "Output format: text or json")->check(CLI::IsMember({"text", "json"}));
  cmd->add_flag("--short", f->short_form, "Only the version number");
  cmd->callback([&globals, f] {
    if (globals.compose_mode) print_compose_version(*f);
    else print_stackctl_version(globals, *f);
  });
}

}  // namespace stackctl::cli
