// `stackctl logs`: the services' output, one stream per container, with compose's prefixes and
// colours (off when stdout is not a TTY, NO_COLOR is set or --no-color is given).
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "../deploy_target.hpp"
#include "../engine_connection.hpp"
#include "../option_checks.hpp"
#include "commands.hpp"
#include "stackctl/deploy/logs.hpp"

namespace stackctl::cli {

namespace {

struct logs_flags {
  bool follow = false, timestamps = false, no_color = false, no_log_prefix = false;
  std::string tail = "all", since, until;
  std::vector<std::string> service_args;
};

void run_logs(const global_options& globals, const logs_flags& f) {
  deploy::logs_options o;
  o.services = f.service_args;
  o.follow = f.follow;
  o.tail = f.tail;
  o.since = f.since;
  o.until = f.until;
  o.timestamps = f.timestamps;
  o.prefix = !f.no_log_prefix;
  o.color = use_color(1, f.no_color);
  const auto target = resolve_target(globals, f.service_args, false);
  check_services(target, f.service_args);
  auto client = connect_engine(globals);
  deploy::logs(target.name, deploy::make_engine_ref(client), o, [](std::string_view line) {
    std::fwrite(line.data(), 1, line.size(), stdout);
    std::fflush(stdout);
  });
}

}  // namespace

void register_logs_command(CLI::App& app, const global_options& globals) {
  auto* cmd = app.add_subcommand("logs", "Show the output of the project's containers");
  auto f = std::make_shared<logs_flags>();
  cmd->add_flag("-f,--follow", f->follow,
                "Follow the output, into restarts and new containers, until every container stopped for good");
  cmd->add_option("-n,--tail", f->tail, "Number of lines from the end of each container's log, or \"all\"")
      ->check(lines_or_all_check());
  cmd->add_flag("-t,--timestamps", f->timestamps, "Show timestamps");
  cmd->add_option("--since", f->since, "Logs since a timestamp (2013-01-02T13:23:37Z) or a relative time (42m)");
  cmd->add_option("--until", f->until, "Logs before a timestamp or a relative time");
  cmd->add_flag("--no-color", f->no_color, "Monochrome output");
  cmd->add_flag("--no-log-prefix", f->no_log_prefix, "Don't prefix each line with the container's name");
  cmd->add_option("service", f->service_args, "Only these services");
  cmd->callback([&globals, f] { run_logs(globals, *f); });
}

}  // namespace stackctl::cli
