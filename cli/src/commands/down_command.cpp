// `stackctl down`: stop and remove the project's containers and networks (and with -v its
// volumes); from labels alone when there is no compose file (`stackctl -p NAME down`).
#include <cstdio>
#include <memory>
#include <optional>
#include <string>

#include <fmt/format.h>

#include "../deploy_target.hpp"
#include "../engine_connection.hpp"
#include "../option_checks.hpp"
#include "../progress_printer.hpp"
#include "commands.hpp"
#include "stackctl/deploy/down.hpp"

namespace stackctl::cli {

namespace {

struct down_flags {
  bool volumes = false, remove_orphans = false;
  std::optional<int> timeout;
};

void run_down(const global_options& globals, const down_flags& f) {
  deploy::down_options o;
  o.remove_volumes = f.volumes;
  o.remove_orphans = f.remove_orphans;
  o.timeout = f.timeout;
  o.parallel = parallel_limit(globals.parallel);
  const auto target = resolve_target(globals, {}, false);
  refuse_removal_by_derived_name(target, "down");
  auto client = connect_engine(globals);
  auto engine = deploy::make_engine_ref(client);
  deploy::down_result result;
  {
    progress_printer printer;
    result = target.project ? deploy::down(*target.project, engine, o, printer.sink())
                            : deploy::down(target.name, engine, o, printer.sink());
  }
  if (result.containers.empty() && result.networks.empty() && result.volumes.empty() && result.warnings.empty())
    fmt::print(stderr, "No resource found to remove for project \"{}\"\n", target.name);
}

}  // namespace

void register_down_command(CLI::App& app, const global_options& globals) {
  auto* cmd = app.add_subcommand("down", "Stop and remove the project's containers and networks");
  auto f = std::make_shared<down_flags>();
  cmd->add_flag("-v,--volumes", f->volumes,
                "Also remove the project's named volumes and the containers' anonymous volumes");
  cmd->add_flag("--remove-orphans", f->remove_orphans, "Also remove containers of services not in the compose file");
  cmd->add_option("-t,--timeout", f->timeout, "Seconds to wait for each container to stop before killing it")
      ->check(seconds_check());
  cmd->callback([&globals, f] { run_down(globals, *f); });
}

}  // namespace stackctl::cli
