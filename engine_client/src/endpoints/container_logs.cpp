#include <nlohmann/json.hpp>

#include "endpoints/endpoints.hpp"
#include "request_util.hpp"
#include "stackctl/engine/error.hpp"
#include "stackctl/engine/streams/frame_decoder.hpp"

namespace stackctl::engine::detail {

bool container_endpoints::has_tty(std::string_view id) {
  // On 1.41 nothing in the logs reply says raw or multiplexed, so ask the container (as
  // docker-py and the CLI do).
  const nlohmann::json json = core_.send_json(core_.request("GET", "/containers/" + escape_path(id) + "/json"));
  const auto config = json.find("Config");
  if (config == json.end() || !config->is_object()) return false;
  const auto tty = config->find("Tty");
  return tty != config->end() && tty->is_boolean() && tty->get<bool>();
}

void container_endpoints::logs(std::string_view id, const logs_options& options, const log_sink& sink,
                               std::stop_token stop) {
  const bool tty = options.tty ? *options.tty : has_tty(id);
  query q;
  q.add_bool("stdout", options.want_stdout);
  q.add_bool("stderr", options.want_stderr);
  if (options.follow) q.add_bool("follow", true);
  if (options.timestamps) q.add_bool("timestamps", true);
  if (!options.tail.empty()) q.add("tail", options.tail);
  if (!options.since.empty()) q.add("since", to_unix_timestamp(options.since));
  if (!options.until.empty()) q.add("until", to_unix_timestamp(options.until));

  http_request request = core_.request("GET", "/containers/" + escape_path(id) + "/logs" + q.str());
  request.timeout.reset();  // logs -f runs until stopped; a long history may take a while too
  request.stop = stop;

  frame_decoder decoder([&sink](output_stream stream, std::string_view bytes) {
    const auto& target = stream == output_stream::stderr_stream ? sink.on_stderr : sink.on_stdout;
    if (target) target(bytes);
  });
  if (tty) {
    request.on_body = [&sink](std::string_view bytes) {
      if (sink.on_stdout) sink.on_stdout(bytes);
    };
  } else {
    request.on_body = [&decoder](std::string_view bytes) { decoder.feed(bytes); };
  }
  const std::string path = request.target.substr(0, request.target.find('?'));
  try {
    const http_response response = core_.send(request);
    if (response.cancelled) return;  // the caller asked to stop following
    if (!tty) decoder.finish();
  } catch (const engine_error& e) {
    if (e.kind() != error_kind::stream || !e.path().empty()) throw;
    // A decoder error: say which request it came from.
    throw engine_error(error_kind::stream, e.message(), 200, "GET", path);
  }
}

}  // namespace stackctl::engine::detail
