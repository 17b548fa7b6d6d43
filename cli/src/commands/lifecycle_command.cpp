// `stackctl start|stop|restart|kill|rm`: existing containers of the project, found by label, so
// they work with `-p NAME` and no compose file.
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "../deploy_target.hpp"
#include "../engine_connection.hpp"
#include "../option_checks.hpp"
#include "../progress_printer.hpp"
#include "commands.hpp"
#include "stackctl/deploy/lifecycle.hpp"
#include "stackctl/deploy/ps.hpp"

namespace stackctl::cli {

namespace {

struct lifecycle_flags {
  std::vector<std::string> service_args;
  std::optional<int> timeout;
  int wait_timeout = 0;
  std::string signal = "SIGKILL";
  bool force = false, stop = false, volumes = false;
};

enum class verb { start, stop, restart, kill };

void run_lifecycle(const global_options& globals, const lifecycle_flags& f, verb v) {
  const auto target = resolve_target(globals, f.service_args, false);
  check_services(target, f.service_args);
  deploy::lifecycle_options o;
  o.services = f.service_args;
  o.timeout = f.timeout;
  o.parallel = parallel_limit(globals.parallel);
  if (f.wait_timeout > 0) o.wait_timeout = std::chrono::seconds(f.wait_timeout);
  if (target.project) o.project = &*target.project;  // its lifecycle hooks
  auto client = connect_engine(globals);
  auto engine = deploy::make_engine_ref(client);
  progress_printer printer;
  switch (v) {
    case verb::start: deploy::start(target.name, engine, o, printer.sink()); break;
    case verb::stop: deploy::stop(target.name, engine, o, printer.sink()); break;
    case verb::restart: deploy::restart(target.name, engine, o, printer.sink()); break;
    case verb::kill: deploy::kill(target.name, engine, o, f.signal, printer.sink()); break;
  }
}

// Asks on a TTY; without one (scripts) the answer is no, as with compose: use -f.
bool confirm(const std::string& question) {
  if (::isatty(STDIN_FILENO) != 1) return false;
  fmt::print(stderr, "{} [y/N] ", question);
  std::fflush(stderr);
  std::string answer;
  std::getline(std::cin, answer);
  return answer == "y" || answer == "Y" || answer == "yes";
}

void run_rm(const global_options& globals, const lifecycle_flags& f) {
  const auto target = resolve_target(globals, f.service_args, false);
  refuse_removal_by_derived_name(target, "rm");
  check_services(target, f.service_args);
  auto client = connect_engine(globals);
  auto engine = deploy::make_engine_ref(client);
  deploy::rm_options o;
  o.services = f.service_args;
  o.stop = f.stop;
  o.volumes = f.volumes;
  o.timeout = f.timeout;
  if (target.project) o.project = &*target.project;  // pre_stop hooks of `-s`
  if (!f.force) {
    std::string names;
    for (const auto& r : deploy::ps(target.name, engine, {.all = true, .services = f.service_args, .status = {}}))
      if (f.stop || r.state != "running") names += (names.empty() ? "" : ", ") + r.name;
    if (names.empty()) {
      fmt::print(stderr, "No stopped containers\n");
      return;
    }
    fmt::print(stderr, "Going to remove {}\n", names);
    if (!confirm("Are you sure?")) return;
  }
  std::vector<std::string> removed;
  {
    progress_printer printer;
    removed = deploy::rm(target.name, engine, o, printer.sink());
  }
  if (removed.empty()) fmt::print(stderr, "No stopped containers\n");
}

void add_common(CLI::App* cmd, lifecycle_flags& f) {
  cmd->add_option("service", f.service_args, "Only these services");
}

}  // namespace

void register_lifecycle_commands(CLI::App& app, const global_options& globals) {
  {
    auto f = std::make_shared<lifecycle_flags>();
    auto* cmd = app.add_subcommand("start", "Start the project's existing containers");
    cmd->add_option("--wait-timeout", f->wait_timeout,
                    "Seconds to wait for a dependency's condition (default: no limit)")
        ->check(seconds_check());
    add_common(cmd, *f);
    cmd->callback([&globals, f] { run_lifecycle(globals, *f, verb::start); });
  }
  for (auto [name, what, v] : {std::tuple{"stop", "Stop the project's running containers", verb::stop},
                               std::tuple{"restart", "Restart the project's containers", verb::restart}}) {
    auto f = std::make_shared<lifecycle_flags>();
    auto* cmd = app.add_subcommand(name, what);
    cmd->add_option("-t,--timeout", f->timeout, "Seconds to wait for a container to stop before killing it")
        ->check(seconds_check());
    add_common(cmd, *f);
    cmd->callback([&globals, f, v = v] { run_lifecycle(globals, *f, v); });
  }
  {
    auto f = std::make_shared<lifecycle_flags>();
    auto* cmd = app.add_subcommand("kill", "Send a signal to the project's running containers");
    cmd->add_option("-s,--signal", f->signal, "Signal to send (default SIGKILL)");
    add_common(cmd, *f);
    cmd->callback([&globals, f] { run_lifecycle(globals, *f, verb::kill); });
  }
  {
    auto f = std::make_shared<lifecycle_flags>();
    auto* cmd = app.add_subcommand("rm", "Remove the project's stopped containers");
    cmd->add_flag("-f,--force", f->force, "Don't ask to confirm the removal");
    cmd->add_flag("-s,--stop", f->stop, "Stop the containers first if they are running");
    cmd->add_flag("-v,--volumes", f->volumes, "Remove the containers' anonymous volumes");
    cmd->add_option("-t,--timeout", f->timeout, "With -s: seconds to wait for a container to stop")
        ->check(seconds_check());
    cmd->add_option("service", f->service_args, "Only these services");
    cmd->callback([&globals, f] { run_rm(globals, *f); });
  }
}

}  // namespace stackctl::cli
