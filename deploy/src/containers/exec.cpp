// `exec`: find the service's running container, create the exec instance, and either start it
// detached or run the attached session (containers/exec_session.cpp: the caller's input fd → the
// command's stdin, the daemon's output → the sinks).
#include "stackctl/deploy/exec.hpp"

#include <fmt/format.h>

#include "containers/exec_session.hpp"
#include "stackctl/deploy/deploy_error.hpp"
#include "stackctl/deploy/labels.hpp"

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

  return detail::run_attached_exec(*engine.execs, id, create, streams, stop);
}

}  // namespace stackctl::deploy
