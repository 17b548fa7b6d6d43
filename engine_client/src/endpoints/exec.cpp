// Exec endpoints: POST /containers/{id}/exec, POST /exec/{id}/start (detached or upgraded),
// POST /exec/{id}/resize, GET /exec/{id}/json.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "endpoints/endpoints.hpp"
#include "request_util.hpp"
#include "stackctl/engine/error.hpp"
#include "transport/connection_errors.hpp"

namespace stackctl::engine::detail {

std::string exec_endpoints::create(std::string_view container, const exec_create_options& options) {
  nlohmann::json body = {{"Cmd", options.cmd},
                         {"Tty", options.tty},
                         {"AttachStdin", options.attach_stdin},
                         {"AttachStdout", options.attach_stdout},
                         {"AttachStderr", options.attach_stderr},
                         {"Privileged", options.privileged}};
  if (!options.env.empty()) body["Env"] = options.env;
  if (!options.working_dir.empty()) body["WorkingDir"] = options.working_dir;
  if (!options.user.empty()) body["User"] = options.user;
  if (!options.detach_keys.empty()) body["DetachKeys"] = options.detach_keys;
  http_request request = core_.request("POST", "/containers/" + escape_path(container) + "/exec");
  set_json_body(request, body);
  const auto reply = core_.send_json(request);
  if (!reply.is_object() || !reply.contains("Id") || !reply["Id"].is_string())
    throw engine_error(error_kind::server, "the Docker daemon sent an exec reply without an Id", 200, "POST",
                       path_of(request));
  return reply["Id"].get<std::string>();
}

void exec_endpoints::start_detached(std::string_view exec_id) {
  http_request request = core_.request("POST", "/exec/" + escape_path(exec_id) + "/start");
  set_json_body(request, {{"Detach", true}, {"Tty", false}});
  core_.send(request);
}

std::unique_ptr<hijacked_stream> exec_endpoints::start_attached(std::string_view exec_id, bool tty) {
  http_request request = core_.request("POST", "/exec/" + escape_path(exec_id) + "/start");
  set_json_body(request, {{"Detach", false}, {"Tty", tty}});
  request.timeout.reset();  // the stream lasts as long as the command: only the connect is bounded
  return core_.upgrade(request);
}

void exec_endpoints::resize(std::string_view exec_id, int height, int width) {
  query q;
  q.add("h", std::to_string(height));
  q.add("w", std::to_string(width));
  core_.send(core_.request("POST", "/exec/" + escape_path(exec_id) + "/resize" + q.str()));
}

exec_inspect_result exec_endpoints::inspect(std::string_view exec_id) {
  const auto j = core_.send_json(core_.request("GET", "/exec/" + escape_path(exec_id) + "/json"));
  exec_inspect_result r;
  r.id = j.value("ID", std::string(exec_id));
  r.container_id = j.value("ContainerID", std::string());
  r.running = j.value("Running", false);
  if (const auto it = j.find("ExitCode"); it != j.end() && it->is_number_integer() && !r.running)
    r.exit_code = it->get<std::int64_t>();
  r.pid = j.value("Pid", std::int64_t{0});
  return r;
}

}  // namespace stackctl::engine::detail
