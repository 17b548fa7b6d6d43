#pragma once
// `exec`: a command run in a service's running container, as `docker compose exec` does: its input
// from a file descriptor, its output to sinks, its exit code returned. The terminal (raw mode,
// window size) is the caller's: it gets the session's controls once the command runs.
#include <functional>
#include <stop_token>
#include <string>
#include <string_view>
#include <vector>

#include "stackctl/deploy/engine_ref.hpp"
#include "stackctl/deploy/session_streams.hpp"

namespace stackctl::deploy {

struct exec_options {
  std::string service;
  int index = 1;                         // the container number (`--index`)
  std::vector<std::string> command;      // run as is (no shell)
  std::vector<std::string> environment;  // "KEY=VALUE" (`-e`)
  std::string working_dir;               // `-w`; empty: the container's
  std::string user;                      // `-u`; empty: the container's
  bool privileged = false;
  bool tty = false;         // a pseudo-terminal: output is raw, stderr merged into it
  bool interactive = true;  // the command's stdin is `exec_streams::input_fd`
  bool detach = false;      // `-d`: start it and return 0
};

using exec_streams = session_streams;

// Runs the command. Returns its exit code (0 when detached). Throws deploy_error(not_found) when
// the service has no running container with that number, deploy_error(invalid) for an empty
// command; the engine's refusals (command not found → 126/127 in the CLI) stay engine_error.
// `stop` ends the session early (the command keeps running in the container); the result is then -1.
// With a TTY and input, the detach keys (ctrl-p ctrl-q) end the session too: the command keeps
// running and the result is 0.
int exec(engine_ref engine, std::string_view project, const exec_options& options, const exec_streams& streams,
         std::stop_token stop = {});

}  // namespace stackctl::deploy
