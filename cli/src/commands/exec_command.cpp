// `stackctl exec`: a command in a service's running container (docker compose exec). A TTY by
// default when stdin is one (`-T` turns it off): the local terminal in raw mode for the session,
// its size sent at the start and on SIGWINCH. The command's exit code becomes stackctl's.
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <functional>
#include <memory>
#include <stop_token>
#include <string>
#include <vector>

#include "../deploy_target.hpp"
#include "../engine_connection.hpp"
#include "../session_signals.hpp"
#include "../terminal.hpp"
#include "commands.hpp"
#include "stackctl/deploy/exec.hpp"
#include "stackctl/engine/error.hpp"

namespace stackctl::cli {

namespace {

struct exec_flags {
  bool detach = false, no_tty = false, privileged = false, interactive = true;
  std::vector<std::string> env;
  std::string workdir, user;
  int index = 1;
};

void write_all(std::FILE* f, std::string_view piece) {
  std::fwrite(piece.data(), 1, piece.size(), f);
  std::fflush(f);
}

int run_exec(const global_options& globals, const exec_flags& f, const std::vector<std::string>& args) {
  if (args.empty()) throw CLI::ValidationError("exec", "requires a SERVICE and a COMMAND");
  if (args.size() < 1 + 1) throw CLI::ValidationError("exec", "requires a COMMAND to run in " + args[0]);
  deploy::exec_options o;
  o.service = args[0];
  o.command.assign(args.begin() + 1, args.end());
  o.environment = f.env;
  o.working_dir = f.workdir;
  o.user = f.user;
  o.privileged = f.privileged;
  o.index = f.index;
  o.detach = f.detach;
  o.tty = !f.no_tty && !f.detach && ::isatty(STDIN_FILENO) && ::isatty(STDOUT_FILENO);
  o.interactive = !f.detach;

  const auto target = resolve_target(globals, {o.service}, false);
  check_services(target, {o.service});
  auto client = connect_engine(globals);
  const auto engine = deploy::make_engine_ref(client);

  deploy::exec_streams streams;
  streams.input_fd = STDIN_FILENO;
  streams.out = [](std::string_view piece) { write_all(stdout, piece); };
  streams.err = [](std::string_view piece) { write_all(stderr, piece); };
  if (!o.tty) return deploy::exec(engine, target.name, o, streams);

  // SIGTERM/SIGHUP end the session (the terminal is restored); the command keeps running.
  std::stop_source stop;
  session_signals signals({SIGTERM, SIGHUP}, [&stop](int) { stop.request_stop(); });
  std::function<void(int, int)> resize;
  streams.on_started = [&](const deploy::session_control& control) {
    resize = control.resize;
    auto send_size = [&resize] {
      if (const auto size = terminal_size(STDOUT_FILENO)) resize(size->first, size->second);
    };
    send_size();
    signals.set_resize(send_size);
  };
  int code = 0;
  {
    const raw_terminal raw(STDIN_FILENO);
    code = deploy::exec(engine, target.name, o, streams, stop.get_token());
    signals.set_resize({});
  }
  if (signals.last_signal() != 0) return 128 + signals.last_signal();
  return code;
}

}  // namespace

void register_exec_command(CLI::App& app, const global_options& globals) {
  auto* cmd = app.add_subcommand("exec", "Execute a command in a running container");
  auto f = std::make_shared<exec_flags>();
  cmd->add_flag("-d,--detach", f->detach, "Run the command in the background");
  cmd->add_flag("-T,--no-TTY", f->no_tty, "Do not allocate a pseudo-TTY (the default when stdin is not a terminal)");
  cmd->add_option("-e,--env", f->env, "Set an environment variable (KEY=VALUE)")->allow_extra_args(false);
  cmd->add_option("-w,--workdir", f->workdir, "The working directory of the command");
  cmd->add_option("-u,--user", f->user, "Run the command as this user");
  cmd->add_option("--index", f->index, "The container of the service, when it has several (1-based)")
      ->check(CLI::PositiveNumber);
  cmd->add_flag("--privileged", f->privileged, "Give extended privileges to the command");
  cmd->add_flag("-i,--interactive", f->interactive, "Keep stdin open (always on, as in compose)");
  // SERVICE COMMAND [ARGS...]: everything from SERVICE on is the service and the command as given,
  // flags of the command included (`exec web ls -la`).
  cmd->prefix_command();
  cmd->allow_extras();
  cmd->fallthrough(false);  // the command's own flags are not stackctl's global ones
  cmd->footer("Usage: stackctl exec [OPTIONS] SERVICE COMMAND [ARGS...]");
  cmd->callback([&globals, f, cmd] {
    const int code = run_exec(globals, *f, cmd->remaining());
    if (code != 0) throw CLI::RuntimeError(code < 0 ? 1 : code);
  });
}

}  // namespace stackctl::cli
