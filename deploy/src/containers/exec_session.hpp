#pragma once
// One attached exec session, shared by `exec` and the lifecycle hooks: start the created exec
// instance upgraded, pump the caller's input into it (optional), its output to the sinks
// (demultiplexed without a TTY), and wait for the exit code the daemon records.
#include <stop_token>
#include <string>

#include "stackctl/deploy/exec.hpp"
#include "stackctl/engine/exec_api.hpp"

namespace stackctl::deploy::detail {

// `create` is what the exec was created with (its tty and attach_stdin decide the framing and
// whether `streams.input_fd` is read). Returns the exit code, -1 when `stop` ended the session
// early, 0 when the detach keys were typed (in both the command keeps running in the container).
int run_attached_exec(engine::exec_api& execs, const std::string& exec_id, const engine::exec_create_options& create,
                      const exec_streams& streams, std::stop_token stop = {});

}  // namespace stackctl::deploy::detail
