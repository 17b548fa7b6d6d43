#pragma once
// Container endpoints. Pure virtual so deploy code can be tested against a fake.
#include <functional>
#include <memory>
#include <optional>
#include <stop_token>
#include <string_view>
#include <vector>

#include "stackctl/engine/container_attach_options.hpp"
#include "stackctl/engine/container_create.hpp"
#include "stackctl/engine/container_inspect.hpp"
#include "stackctl/engine/container_list_options.hpp"
#include "stackctl/engine/container_remove_options.hpp"
#include "stackctl/engine/container_summary.hpp"
#include "stackctl/engine/container_wait_result.hpp"
#include "stackctl/engine/copy_to_container_options.hpp"
#include "stackctl/engine/hijacked_stream.hpp"
#include "stackctl/engine/log_sink.hpp"
#include "stackctl/engine/logs_options.hpp"
#include "stackctl/engine/wait_condition.hpp"

namespace stackctl::engine {

class container_api {
 public:
  virtual ~container_api() = default;

  // POST /containers/create?name=. An empty name lets the daemon pick one. The body is
  // serialized for the negotiated version (a field too new → engine_error(version)).
  virtual container_create_response create(const container_create_request& request, std::string_view name = {}) = 0;
  // POST /containers/{id}/start; already running (304) is success.
  virtual void start(std::string_view id) = 0;
  // POST /containers/{id}/stop?t=; already stopped (304) is success. The HTTP timeout is the
  // request timeout plus t; without t (the container's own StopTimeout applies) it is unbounded.
  virtual void stop(std::string_view id, std::optional<int> timeout_s = std::nullopt) = 0;
  // POST /containers/{id}/kill?signal=; not running → engine_error(conflict).
  virtual void kill(std::string_view id, std::string_view signal = "SIGKILL") = 0;
  // POST /containers/{id}/restart?t=; timeouts as for stop.
  virtual void restart(std::string_view id, std::optional<int> timeout_s = std::nullopt) = 0;
  // DELETE /containers/{id}?force=&v=&link=.
  virtual void remove(std::string_view id, const container_remove_options& options = {}) = 0;
  // GET /containers/{id}/json.
  virtual container_inspect inspect(std::string_view id) = 0;
  // GET /containers/json.
  virtual std::vector<container_summary> list(const container_list_options& options = {}) = 0;
  // POST /containers/{id}/wait?condition=. No total timeout; cancelling through `stop` throws
  // engine_error(cancelled) since there is no result. `on_waiting` is called (on the calling
  // thread) once the daemon has registered the wait — its reply's head, flushed before it blocks —
  // so a next-exit wait run in a thread cannot miss an exit caused after that.
  virtual container_wait_result wait(std::string_view id, wait_condition condition = wait_condition::not_running,
                                     std::stop_token stop = {}, const std::function<void()>& on_waiting = {}) = 0;
  // POST /containers/{id}/rename?name=.
  virtual void rename(std::string_view id, std::string_view new_name) = 0;
  // GET /containers/{id}/logs. Demultiplexes unless the container has a TTY (options.tty, or
  // inspected when unset). Returns when the daemon ends the stream (at once without follow) or,
  // with follow, when `stop` is requested — cancellation is a normal return, not an error.
  // A stream-3 frame → engine_error(stream, "error from daemon in stream: ...").
  virtual void logs(std::string_view id, const logs_options& options, const log_sink& sink,
                    std::stop_token stop = {}) = 0;
  // PUT /containers/{id}/archive?path= with a tar (make_tar, tar_archive.hpp) extracted under
  // `path`, which must exist in the container. Works on a created, not yet started container.
  virtual void put_archive(std::string_view id, std::string_view path, std::string tar,
                           const copy_to_container_options& options = {}) = 0;
  // POST /containers/{id}/attach?stream=1, upgraded: the container's stdio on one stream (framed
  // unless the container has a TTY). A missing container → engine_error(not_found).
  virtual std::unique_ptr<hijacked_stream> attach(std::string_view id, const container_attach_options& options) = 0;
  // POST /containers/{id}/resize?h=&w=: the container's TTY size in characters.
  virtual void resize(std::string_view id, int height, int width) = 0;
};

}  // namespace stackctl::engine
