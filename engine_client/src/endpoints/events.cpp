#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "endpoints/endpoints.hpp"
#include "request_util.hpp"
#include "stackctl/engine/error.hpp"
#include "stackctl/engine/streams/json_lines.hpp"

namespace stackctl::engine::detail {

void event_endpoints::stream(const events_options& options, const event_callback& on_event, std::stop_token stop) {
  query q;
  if (!options.since.empty()) q.add("since", to_unix_timestamp(options.since));
  if (!options.until.empty()) q.add("until", to_unix_timestamp(options.until));
  if (!options.filters.empty()) q.add("filters", options.filters.to_json_string());
  http_request request = core_.request("GET", "/events" + q.str());
  request.timeout.reset();  // no heartbeats: an idle stream is normal
  request.stop = stop;

  json_lines_splitter splitter([&](std::string_view line) {
    const auto json = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (!json.is_object()) {
      throw engine_error(error_kind::stream, fmt::format("invalid event from the daemon: {}", line), 200, "GET",
                         "/events");
    }
    if (on_event) on_event(json.get<event_message>());
  });
  request.on_body = [&splitter](std::string_view chunk) { splitter.feed(chunk); };
  const http_response response = core_.send(request);
  if (response.cancelled) return;
  splitter.finish();
}

}  // namespace stackctl::engine::detail
