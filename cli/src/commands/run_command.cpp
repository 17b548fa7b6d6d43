// `stackctl run`: a one-off container of a service (docker compose run). A TTY by default when
// stdin and stdout are terminals (`-T` turns it off); attached, the local terminal is raw for the
// session, its size sent at the start and on SIGWINCH, and SIGINT/SIGTERM/SIGHUP/SIGQUIT are
// forwarded to the container as compose forwards them. The container's exit code becomes
// stackctl's; `-d` prints its id.
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <stop_token>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "../deploy_target.hpp"
#include "../engine_connection.hpp"
#include "../progress_printer.hpp"
#include "../session_signals.hpp"
#include "../terminal.hpp"
#include "commands.hpp"
#include "stackctl/deploy/run.hpp"
#include "stackctl/model/service_overrides.hpp"

namespace stackctl::cli {

namespace {

struct run_flags {
  bool detach = false, remove = false, no_tty = false, interactive = true, service_ports = false;
  bool no_deps = false, use_aliases = false, remove_orphans = false;
  std::vector<std::string> env, labels, publish, volumes, cap_add, cap_drop;
  std::string name, workdir, user, pull = "policy";
  std::optional<std::string> entrypoint;
};

void write_all(std::FILE* f, std::string_view piece) {
  std::fwrite(piece.data(), 1, piece.size(), f);
  std::fflush(f);
}

deploy::run_options run_options_of(const run_flags& f, const std::vector<std::string>& args) {
  if (args.empty()) throw CLI::ValidationError("run", "requires a SERVICE");
  if (f.service_ports && !f.publish.empty())
    throw CLI::ValidationError("run", "--service-ports and --publish are incompatible");
  deploy::run_options o;
  o.service = args[0];
  o.command.assign(args.begin() + 1, args.end());
  if (f.entrypoint) o.entrypoint = model::parse_command_line(*f.entrypoint);
  o.name = f.name;
  o.environment = f.env;
  for (const auto& l : f.labels) {
    const auto eq = l.find('=');
    if (eq == std::string::npos) throw CLI::ValidationError("--label", "label must be set as KEY=VALUE: " + l);
    o.labels[l.substr(0, eq)] = l.substr(eq + 1);
  }
  o.working_dir = f.workdir;
  o.user = f.user;
  o.cap_add = f.cap_add;
  o.cap_drop = f.cap_drop;
  for (const auto& p : f.publish)
    for (auto& port : model::parse_port_entry(p)) o.publish.push_back(std::move(port));
  o.service_ports = f.service_ports;
  for (const auto& v : f.volumes) o.volumes.push_back(model::parse_volume_entry(v, std::filesystem::current_path()));
  o.use_aliases = f.use_aliases;
  o.no_deps = f.no_deps;
  o.remove = f.remove;
  o.detach = f.detach;
  o.interactive = f.interactive;
  // compose: a TTY unless -T, or unless stdin is no terminal when nothing was asked explicitly.
  o.tty = !f.no_tty && !f.detach && ::isatty(STDIN_FILENO) && ::isatty(STDOUT_FILENO);
  if (f.pull != "policy") o.pull = deploy::parse_pull_policy(f.pull);
  o.remove_orphans = f.remove_orphans;
  return o;
}

int run_run(const global_options& globals, const run_flags& f, const std::vector<std::string>& args) {
  auto o = run_options_of(f, args);
  o.parallel = parallel_limit(globals.parallel);
  const auto target = resolve_target(globals, {o.service}, true);
  check_services(target, {o.service});
  if (f.remove_orphans) refuse_removal_by_derived_name(target, "run --remove-orphans");
  auto client = connect_engine(globals);
  const auto engine = deploy::make_engine_ref(client);

  if (o.detach) {
    progress_printer printer;
    const auto r = deploy::run(*target.project, engine, o, {}, {}, printer.sink());
    printer.finish();
    fmt::print("{}\n", r.container_id);
    return 0;
  }

  deploy::session_streams streams;
  streams.input_fd = o.interactive ? STDIN_FILENO : -1;
  streams.out = [](std::string_view piece) { write_all(stdout, piece); };
  streams.err = [](std::string_view piece) { write_all(stderr, piece); };

  // Signals go to the container once it runs (before that they are only remembered).
  std::mutex control_mutex;
  deploy::session_control control;
  session_signals signals({SIGINT, SIGTERM, SIGHUP, SIGQUIT}, [&](int sig) {
    std::lock_guard lock(control_mutex);
    if (control.send_signal) control.send_signal(sig);
  });
  streams.on_started = [&](const deploy::session_control& c) {
    {
      std::lock_guard lock(control_mutex);
      control = c;
    }
    if (!o.tty) return;
    auto send_size = [&] {
      std::lock_guard lock(control_mutex);
      if (const auto size = terminal_size(STDOUT_FILENO)) control.resize(size->first, size->second);
    };
    send_size();
    signals.set_resize(send_size);
  };

  deploy::run_result r;
  {
    // Plain progress lines: a live redraw would overwrite the session's output.
    progress_printer printer(stderr, false, use_color(STDERR_FILENO, false));
    std::optional<raw_terminal> raw;
    auto sink = printer.sink();
    deploy::progress_sink progress = [&](const deploy::progress_event& e) { sink(e); };
    if (o.tty) raw.emplace(STDIN_FILENO);
    r = deploy::run(*target.project, engine, o, streams, {}, progress);
    signals.set_resize({});
    std::lock_guard lock(control_mutex);
    control = {};
  }
  return r.exit_code < 0 ? 1 : r.exit_code;
}

}  // namespace

void register_run_command(CLI::App& app, const global_options& globals) {
  auto* cmd = app.add_subcommand("run", "Run a one-off command on a service");
  auto f = std::make_shared<run_flags>();
  cmd->add_flag("-d,--detach", f->detach, "Run the container in the background and print its ID");
  cmd->add_flag("--rm", f->remove, "Remove the container when it exits");
  cmd->add_flag("-T,--no-TTY,--no-tty", f->no_tty,
                "Do not allocate a pseudo-TTY (the default when stdin is not a terminal)");
  cmd->add_flag("-i,--interactive", f->interactive, "Keep stdin open (default on; --interactive=false turns it off)");
  cmd->add_option("--name", f->name, "The container's name (default: <project>-<service>-run-<id>)");
  cmd->add_option("-e,--env", f->env, "Set an environment variable (KEY=VALUE, or KEY from the environment)")
      ->allow_extra_args(false);
  cmd->add_option("-l,--label", f->labels, "Add or override a label (KEY=VALUE)")->allow_extra_args(false);
  cmd->add_option("-w,--workdir", f->workdir, "The working directory inside the container");
  cmd->add_option("-u,--user", f->user, "Run as this user (name or uid[:gid])");
  cmd->add_option("--entrypoint", f->entrypoint, "Override the image's entrypoint (split into words as a shell would)");
  cmd->add_option("--cap-add", f->cap_add, "Add a Linux capability")->allow_extra_args(false);
  cmd->add_option("--cap-drop", f->cap_drop, "Drop a Linux capability")->allow_extra_args(false);
  cmd->add_option("-p,--publish", f->publish, "Publish a container port to the host ([ip:][host:]container[/proto])")
      ->allow_extra_args(false);
  cmd->add_flag("-P,--service-ports", f->service_ports, "Publish the service's own ports");
  cmd->add_option("-v,--volume", f->volumes, "Mount a volume or bind a host path ([SOURCE:]TARGET[:OPTIONS])")
      ->allow_extra_args(false);
  cmd->add_flag("--use-aliases", f->use_aliases, "Also join the service's networks under its name and aliases");
  cmd->add_flag("--no-deps", f->no_deps, "Do not start the services it depends on");
  cmd->add_flag("--remove-orphans", f->remove_orphans, "Remove containers of services not in the compose file");
  cmd->add_option("--pull", f->pull, "Pull the image: always|missing|never|policy (default: the service's pull_policy)")
      ->check(CLI::IsMember({"always", "missing", "never", "policy", "build"}));
  // SERVICE [COMMAND [ARGS...]]: from SERVICE on, everything is the service and its command as
  // given, the command's own flags included (`run web ls -la`).
  cmd->prefix_command();
  cmd->allow_extras();
  cmd->fallthrough(false);
  cmd->footer("Usage: stackctl run [OPTIONS] SERVICE [COMMAND] [ARGS...]");
  cmd->callback([&globals, f, cmd] {
    const int code = run_run(globals, *f, cmd->remaining());
    if (code != 0) throw CLI::RuntimeError(code);
  });
}

}  // namespace stackctl::cli
