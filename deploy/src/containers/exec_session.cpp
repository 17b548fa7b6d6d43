// The attached exec session: start upgraded, hand the resize control to the caller, run the
// session (common/stream_session.hpp), then the exit code the daemon records.
#include "containers/exec_session.hpp"

#include <chrono>
#include <thread>

#include "common/stream_session.hpp"
#include "stackctl/deploy/deploy_error.hpp"

namespace stackctl::deploy::detail {
namespace {

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

int run_attached_exec(engine::exec_api& execs, const std::string& id, const engine::exec_create_options& create,
                      const exec_streams& streams, std::stop_token stop) {
  auto stream = execs.start_attached(id, create.tty);
  if (streams.on_started) {
    session_control control;
    control.resize = [&](int height, int width) {
      if (height > 0 && width > 0) execs.resize(id, height, width);
    };
    streams.on_started(control);
  }
  session_io io;
  if (create.attach_stdin) io.input_fd = streams.input_fd;
  io.out = streams.out;
  io.err = streams.err;
  // With a TTY and stdin the daemon detaches on its default keys: the command keeps running.
  if (create.tty && create.attach_stdin) io.detach_sequence = detach_sequence_of("ctrl-p,ctrl-q");
  const auto end = pump_session(*stream, create.tty, io, stop);
  if (end == session_end::detached) return 0;
  if (end == session_end::stopped) return -1;
  return exit_code_of(execs, id);
}

}  // namespace stackctl::deploy::detail
