#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "endpoints/endpoints.hpp"
#include "request_util.hpp"
#include "stackctl/engine/error.hpp"

namespace stackctl::engine {

std::string_view to_string(wait_condition condition) {
  switch (condition) {
    case wait_condition::not_running: return "not-running";
    case wait_condition::next_exit: return "next-exit";
    case wait_condition::removed: return "removed";
  }
  return "not-running";
}

namespace detail {

container_wait_result container_endpoints::wait(std::string_view id, wait_condition condition, std::stop_token stop,
                                                const std::function<void()>& on_waiting) {
  query q;
  q.add("condition", to_string(condition));
  http_request request = core_.request("POST", "/containers/" + escape_path(id) + "/wait" + q.str());
  // The daemon answers only when the condition is met: no total timeout.
  request.timeout.reset();
  request.stop = stop;
  if (on_waiting)
    request.on_head = [&](const http_response& head) {
      if (is_success(head.status)) on_waiting();
    };
  const http_response response = core_.send(request);
  const std::string path = request.target.substr(0, request.target.find('?'));
  if (response.cancelled) {
    throw engine_error(error_kind::cancelled, fmt::format("waiting for container {} was cancelled", id), 0, "POST",
                       path);
  }
  const auto json = nlohmann::json::parse(response.body, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object()) {
    throw engine_error(error_kind::server, "the Docker daemon sent an invalid wait reply", response.status, "POST",
                       path);
  }
  container_wait_result result;
  if (const auto it = json.find("StatusCode"); it != json.end() && it->is_number_integer()) {
    result.status_code = it->get<std::int64_t>();
  }
  if (const auto it = json.find("Error"); it != json.end() && it->is_object()) {
    if (const auto msg = it->find("Message");
        msg != it->end() && msg->is_string() && !msg->get_ref<const std::string&>().empty()) {
      result.error = msg->get<std::string>();
    }
  }
  return result;
}

}  // namespace detail
}  // namespace stackctl::engine
