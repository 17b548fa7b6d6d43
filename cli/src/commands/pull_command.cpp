// `stackctl pull`: the images of the selected services, in parallel, with live progress on a TTY.
#include <memory>
#include <string>
#include <vector>

#include "../deploy_target.hpp"
#include "../engine_connection.hpp"
#include "../progress_printer.hpp"
#include "commands.hpp"
#include "stackctl/deploy/pull.hpp"

namespace stackctl::cli {

namespace {

struct pull_flags {
  bool quiet = false, ignore_failures = false, include_deps = false;
  std::string policy;
  std::vector<std::string> service_args;
};

void run_pull(const global_options& globals, const pull_flags& f) {
  const auto target = resolve_target(globals, f.service_args, true);
  check_services(target, f.service_args);
  deploy::pull_options o;
  o.services = f.service_args;
  o.include_deps = f.include_deps;
  o.ignore_failures = f.ignore_failures;
  o.missing_only = f.policy == "missing";
  o.parallel = parallel_limit(globals.parallel);
  auto client = connect_engine(globals);
  auto engine = deploy::make_engine_ref(client);
  if (f.quiet) {
    deploy::pull(*target.project, engine, o);
    return;
  }
  progress_printer printer;
  deploy::pull(*target.project, engine, o, printer.sink());
}

}  // namespace

void register_pull_command(CLI::App& app, const global_options& globals) {
  auto* cmd = app.add_subcommand("pull", "Pull the images of the project's services");
  auto f = std::make_shared<pull_flags>();
  cmd->add_flag("-q,--quiet", f->quiet, "Pull without printing progress");
  cmd->add_flag("--ignore-pull-failures", f->ignore_failures, "Pull what it can and warn about the rest");
  cmd->add_flag("--include-deps", f->include_deps, "Also pull the services the named ones depend on");
  cmd->add_option("--policy", f->policy, "missing: only images not present locally; always (default)")
      ->check(CLI::IsMember({"missing", "always"}));
  cmd->add_option("service", f->service_args, "Only these services");
  cmd->callback([&globals, f] { run_pull(globals, *f); });
}

}  // namespace stackctl::cli
