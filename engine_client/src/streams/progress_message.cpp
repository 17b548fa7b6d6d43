#include "stackctl/engine/progress_message.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "stackctl/engine/error.hpp"

namespace stackctl::engine {

namespace {
std::string string_member(const nlohmann::json& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end() || !it->is_string()) return {};
  return it->get<std::string>();
}

std::optional<std::int64_t> int_member(const nlohmann::json& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end() || !it->is_number_integer()) return std::nullopt;
  return it->get<std::int64_t>();
}
}  // namespace

progress_message parse_progress_message(std::string_view line) {
  progress_message message;
  const auto json = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object()) {
    message.status = std::string(line);
    return message;
  }
  message.status = string_member(json, "status");
  message.id = string_member(json, "id");
  message.progress = string_member(json, "progress");
  message.stream = string_member(json, "stream");
  if (const auto it = json.find("progressDetail"); it != json.end() && it->is_object() && !it->empty()) {
    message.detail = progress_detail{int_member(*it, "current"), int_member(*it, "total")};
  }
  if (const auto it = json.find("aux"); it != json.end() && !it->is_null()) message.aux = it->dump();
  if (const auto it = json.find("errorDetail"); it != json.end() && it->is_object()) {
    std::string text = string_member(*it, "message");
    if (!text.empty()) message.error = std::move(text);
    if (auto code = int_member(*it, "code")) message.error_code = static_cast<int>(*code);
  }
  if (!message.error) {
    if (const auto it = json.find("error");
        it != json.end() && it->is_string() && !it->get_ref<const std::string&>().empty()) {
      message.error = it->get<std::string>();
    }
  }
  return message;
}

void throw_if_error(const progress_message& message, std::string_view subject) {
  if (!message.error) return;
  throw engine_error(error_kind::stream,
                     subject.empty() ? *message.error : fmt::format("{}: {}", subject, *message.error));
}

}  // namespace stackctl::engine
