// POST /containers/{id}/attach (upgraded to a raw stream) and POST /containers/{id}/resize.
#include <string>

#include "endpoints/endpoints.hpp"
#include "request_util.hpp"

namespace stackctl::engine::detail {

std::unique_ptr<hijacked_stream> container_endpoints::attach(std::string_view id,
                                                             const container_attach_options& options) {
  query q;
  q.add("stream", "1");
  if (options.stdin_stream) q.add("stdin", "1");
  if (options.stdout_stream) q.add("stdout", "1");
  if (options.stderr_stream) q.add("stderr", "1");
  if (options.logs) q.add("logs", "1");
  if (!options.detach_keys.empty()) q.add("detachKeys", options.detach_keys);
  http_request request = core_.request("POST", "/containers/" + escape_path(id) + "/attach" + q.str());
  request.timeout.reset();  // the stream lasts as long as the container: only the connect is bounded
  return core_.upgrade(request);
}

void container_endpoints::resize(std::string_view id, int height, int width) {
  query q;
  q.add("h", std::to_string(height));
  q.add("w", std::to_string(width));
  core_.send(core_.request("POST", "/containers/" + escape_path(id) + "/resize" + q.str()));
}

}  // namespace stackctl::engine::detail
