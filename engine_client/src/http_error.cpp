#include "stackctl/engine/http_error.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace stackctl::engine {

namespace {
std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) text.remove_suffix(1);
  while (!text.empty() && (text.front() == '\n' || text.front() == '\r' || text.front() == ' ')) text.remove_prefix(1);
  return text;
}
}  // namespace

engine_error http_error(long status, std::string_view body, std::string method, std::string path) {
  std::string message;
  const std::string_view text = trim(body);
  if (text.empty()) {
    message = fmt::format(
        "request returned HTTP {} with an empty body for {} {}; check that the daemon supports the "
        "requested API version",
        status, method, path);
  } else {
    const auto json = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (json.is_object() && json.contains("message") && json["message"].is_string()) {
      message = json["message"].get<std::string>();
    } else {
      message = std::string(text);
    }
  }
  return engine_error(error_kind_from_status(status), std::move(message), status, std::move(method), std::move(path));
}

}  // namespace stackctl::engine
