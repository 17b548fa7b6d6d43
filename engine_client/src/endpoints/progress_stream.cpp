#include <fmt/format.h>

#include "endpoints/endpoints.hpp"
#include "stackctl/engine/error.hpp"
#include "stackctl/engine/streams/json_lines.hpp"

namespace stackctl::engine::detail {

progress_message run_progress_stream(client_core& core, http_request& request, std::string_view subject,
                                     const progress_callback& progress) {
  progress_message last;
  const std::string path = request.target.substr(0, request.target.find('?'));
  json_lines_splitter splitter([&](std::string_view line) {
    progress_message message = parse_progress_message(line);
    if (message.error) {
      // The status was 200 already: the error only exists in the stream.
      throw engine_error(error_kind::stream, fmt::format("{}: {}", subject, *message.error), 200, request.method, path);
    }
    if (progress) progress(message);
    last = std::move(message);
  });
  request.timeout.reset();  // a pull or import may take as long as it takes
  request.on_body = [&](std::string_view chunk) { splitter.feed(chunk); };
  const http_response response = core.send(request);
  if (response.cancelled) {
    throw engine_error(error_kind::cancelled, fmt::format("{}: cancelled", subject), 0, request.method, path);
  }
  splitter.finish();
  return last;
}

}  // namespace stackctl::engine::detail
