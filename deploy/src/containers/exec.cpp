// `exec`: find the service's running container, create the exec instance, and either start it
// detached or run the session on its stream (common/stream_session.hpp).
#include "stackctl/deploy/exec.hpp"

#include <chrono>
#include <thread>

#include <fmt/format.h>

#include "common/stream_session.hpp"
#include "stackctl/deploy/deploy_error.hpp"
#include "stackctl/deploy/labels.hpp"
#include "stackctl/engine/error.hpp"

namespace stackctl::deploy {

namespace {

std::string running_container(engine::container_api& containers, std::string_view project,
                              const exec_options& options) {
  engine::container_list_options lo;
  lo.filters.add_label(labels::project, project);
  lo.filters.add_label(labels::service, options.service);
  lo.filters.add_label(labels::container_number, std::to_string(options.index));
  lo.filters.add_label(labels::oneoff, "False");
  for (const auto& c : containers.list(lo))
    if (c.is_active()) return c.id;
  throw deploy_error(deploy_error_kind::not_found,
                     options.index == 1
                         ? fmt::format("service \"{}\" is not running", options.service)
                         : fmt::format("service \"{}\" has no running container #{}", options.service, options.index));
}

// The exit code, once the daemon has recorded it (it may lag the end of the stream a little).
int exit_code_of(engine::exec_api& execs, const std::string& id) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  for (;;) {
    const auto r = execs.inspect(id);
    if (r.exit_code) return static_cast<int>(*r.exit_code);
    if (std::chrono::steady_clock::now() > deadline)
      throw deploy_error(deploy_error_kind::timeout, "the command's stream ended but the engine reports it running");
    std::this_thread::sleep_for(std::chrono::milliseconds(10));  // polling the real condition
  }
}

}  // namespace

int exec(engine_ref engine, std::string_view project, const exec_options& options, const exec_streams& streams,
         std::stop_token stop) {
  if (!engine.execs) throw deploy_error(deploy_error_kind::invalid, "exec needs the engine's exec endpoints");
  if (options.command.empty()) throw deploy_error(deploy_error_kind::invalid, "exec needs a command to run");
  const std::string container = running_container(engine.containers, project, options);

  engine::exec_create_options create;
  create.cmd = options.command;
  create.env = options.environment;
  create.working_dir = options.working_dir;
  create.user = options.user;
  create.privileged = options.privileged;
  create.tty = options.tty && !options.detach;
  create.attach_stdin = options.interactive && !options.detach && streams.input_fd >= 0;
  create.attach_stdout = !options.detach;
  create.attach_stderr = !options.detach;
  const std::string id = engine.execs->create(container, create);
  if (options.detach) {
    engine.execs->start_detached(id);
    return 0;
  }

  auto stream = engine.execs->start_attached(id, create.tty);
  if (streams.on_started) {
    session_control control;
    control.resize = [&](int height, int width) {
      if (height > 0 && width > 0) engine.execs->resize(id, height, width);
    };
    streams.on_started(control);
  }

  detail::session_io io;
  if (create.attach_stdin) io.input_fd = streams.input_fd;
  io.out = streams.out;
  io.err = streams.err;
  // With a TTY and stdin the daemon detaches on its default keys: the command keeps running.
  if (create.tty && create.attach_stdin) io.detach_sequence = detail::detach_sequence_of("ctrl-p,ctrl-q");
  const auto end = detail::pump_session(*stream, create.tty, io, stop);
  if (end == detail::session_end::detached) return 0;
  if (stop.stop_requested()) return -1;
  return exit_code_of(*engine.execs, id);
}

}  // namespace stackctl::deploy
