// `stackctl up`: create and start the project (deploy::up), then — unless detached — stream the
// services' logs until Ctrl-C, stop them (a second Ctrl-C kills them).
#include <cstdio>
#include <memory>
#include <stdexcept>
#include <stop_token>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "../deploy_target.hpp"
#include "../engine_connection.hpp"
#include "../interrupts.hpp"
#include "../option_checks.hpp"
#include "../progress_printer.hpp"
#include "commands.hpp"
#include "stackctl/deploy/attached_up.hpp"
#include "stackctl/deploy/lifecycle.hpp"
#include "stackctl/deploy/logs.hpp"
#include "stackctl/deploy/ps.hpp"
#include "stackctl/deploy/up.hpp"
#include "stackctl/engine/error.hpp"

namespace stackctl::cli {

namespace {

struct up_flags {
  bool detach = false, wait = false, force_recreate = false, no_recreate = false, remove_orphans = false;
  bool no_start = false, no_deps = false, no_color = false, no_log_prefix = false, timestamps = false;
  bool dry_run = false;
  int wait_timeout = 0;
  std::string pull = "policy";
  std::vector<std::string> scale, service_args;
  std::optional<int> timeout;
};

std::map<std::string, int> parse_scale(const std::vector<std::string>& items) {
  std::map<std::string, int> out;
  for (const auto& item : items) {
    const auto eq = item.find('=');
    int n = -1;
    if (eq != std::string::npos && eq > 0) {
      try {
        std::size_t used = 0;
        n = std::stoi(item.substr(eq + 1), &used);
        if (used != item.size() - eq - 1) n = -1;
      } catch (const std::exception&) {
      }
    }
    if (n < 0) throw std::invalid_argument(fmt::format("invalid --scale \"{}\": expected SERVICE=NUMBER", item));
    out[item.substr(0, eq)] = n;
  }
  return out;
}

// The containers `up` left as they were get compose's "Running" line.
void report_kept(progress_printer& printer, const deploy::up_result& result, bool started) {
  if (!started) return;
  for (const auto& k : result.plan.kept) printer.note_unchanged("Container " + k.name, "Running");
}

void run_up(const global_options& globals, const up_flags& f) {
  if (f.force_recreate && f.no_recreate)
    throw std::invalid_argument("--force-recreate and --no-recreate are incompatible");
  deploy::up_options o;
  o.services = f.service_args;
  o.no_deps = f.no_deps;
  o.force_recreate = f.force_recreate;
  o.no_recreate = f.no_recreate;
  o.remove_orphans = f.remove_orphans;
  o.no_start = f.no_start;
  if (f.pull != "policy") o.pull = deploy::parse_pull_policy(f.pull);
  o.scale = parse_scale(f.scale);
  o.timeout = f.timeout;
  o.wait = f.wait;
  if (f.wait_timeout > 0) o.wait_timeout = std::chrono::seconds(f.wait_timeout);
  o.parallel = parallel_limit(globals.parallel);
  const bool detach = f.detach || f.wait || f.no_start;

  const auto target = resolve_target(globals, f.service_args, true);
  o.create_on_deploy = target.create_on_deploy;  // the env schema's host paths, created by up only
  check_services(target, f.service_args);
  if (f.remove_orphans) refuse_removal_by_derived_name(target, "up --remove-orphans");
  for (const auto& [svc, _] : o.scale) check_services(target, {svc});
  auto client = connect_engine(globals);
  auto engine = deploy::make_engine_ref(client);

  if (detach && !f.dry_run) {
    progress_printer printer;
    const auto result = deploy::up(*target.project, engine, o, printer.sink());
    report_kept(printer, result, !o.no_start);
    return;
  }

  if (f.dry_run) {
    o.dry_run = true;
    const auto result = deploy::up(*target.project, engine, o, progress_printer().sink());
    fmt::print("{}", deploy::to_string(result.plan));
    return;
  }

  // Attached: from here on Ctrl-C is ours. The first asks for a graceful stop, the second kills.
  std::stop_source stop;
  interrupt_watcher watcher([&](int count) {
    if (count == 1) {
      stop.request_stop();
      return;
    }
    if (count == 2) {
      try {
        deploy::lifecycle_options lo;
        lo.services = f.service_args;
        deploy::kill(target.name, engine, lo);
      } catch (const std::exception& e) {
        fmt::print(stderr, "stackctl: {}\n", e.what());
      }
    }
  });
  deploy::logs_options lo;
  lo.timestamps = f.timestamps;
  lo.prefix = !f.no_log_prefix;
  lo.color = use_color(1, f.no_color);
  deploy::attach_sinks sinks;
  sinks.log_line = [](std::string_view line) {
    std::fwrite(line.data(), 1, line.size(), stdout);
    std::fflush(stdout);
  };
  // The up phase and the stop phase each draw their own progress block; the logs come between.
  std::optional<progress_printer> printer(std::in_place);
  sinks.attached = [&](const deploy::up_result& up, const std::vector<std::string>& names) {
    report_kept(*printer, up, true);
    printer.reset();
    std::string list;
    for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
    fmt::print(stderr, "Attaching to {}\n", list);
  };
  sinks.exited = [](const std::string& name, long code) { fmt::print("{} exited with code {}\n", name, code); };
  sinks.stopping = [&] {
    printer.emplace();
    fmt::print(stderr, "Gracefully stopping... (press Ctrl+C again to force)\n");
  };
  const auto result = deploy::up_attached(*target.project, engine, o, lo, sinks, stop.get_token(),
                                          [&](const deploy::progress_event& e) { printer->sink()(e); });
  if (result.stopped) throw CLI::RuntimeError(130);  // interrupted, as a shell reports Ctrl-C
}

}  // namespace

void register_up_command(CLI::App& app, const global_options& globals) {
  auto* cmd = app.add_subcommand("up", "Create and start the project's containers");
  auto f = std::make_shared<up_flags>();
  cmd->add_flag("-d,--detach", f->detach, "Run in the background: don't stream the logs");
  cmd->add_flag("--wait", f->wait,
                "Wait until the services are running (healthy when they have a healthcheck); implies -d");
  cmd->add_option("--wait-timeout", f->wait_timeout, "Seconds to wait with --wait (default: no limit)")
      ->check(seconds_check());
  cmd->add_flag("--force-recreate", f->force_recreate, "Recreate containers even when nothing changed");
  cmd->add_flag("--no-recreate", f->no_recreate, "Keep existing containers even when they changed");
  cmd->add_flag("--remove-orphans", f->remove_orphans, "Remove containers of services not in the compose file");
  cmd->add_flag("--no-start", f->no_start, "Create the containers but don't start them");
  cmd->add_flag("--no-deps", f->no_deps, "Don't start the services the named ones depend on");
  cmd->add_option("--pull", f->pull, "Pull images: always|missing|never|policy (default: each service's pull_policy)")
      ->check(CLI::IsMember({"always", "missing", "never", "policy", "if_not_present"}));
  cmd->add_option("--scale", f->scale, "Scale SERVICE to NUM containers (repeatable), overriding scale:")
      ->allow_extra_args(false);
  cmd->add_option("-t,--timeout", f->timeout, "Seconds to wait for a container to stop when recreating or removing it")
      ->check(seconds_check());
  cmd->add_flag("--dry-run", f->dry_run,
                "Print the plan (each action with its cause) without changing anything; pulls nothing");
  cmd->add_flag("--no-color", f->no_color, "Attached: monochrome log output");
  cmd->add_flag("--no-log-prefix", f->no_log_prefix, "Attached: don't prefix log lines with the container");
  cmd->add_flag("--timestamps", f->timestamps, "Attached: show timestamps");
  cmd->add_option("service", f->service_args, "Only these services (and what they depend on)");
  cmd->callback([&globals, f] { run_up(globals, *f); });
}

}  // namespace stackctl::cli
