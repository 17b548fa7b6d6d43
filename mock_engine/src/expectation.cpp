#include <stackctl/mock_engine/expectation.hpp>

#include <algorithm>
#include <utility>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "expectation_state.hpp"

namespace stackctl::mock_engine {
namespace detail {
namespace {

std::string shorten(std::string text, std::size_t limit = 200) {
  if (text.size() > limit) {
    text.resize(limit);
    text += "…";
  }
  return text;
}

// Why `actual` does not contain `subset`, as "at <pointer>: …", or nullopt when it does.
std::optional<std::string> subset_mismatch(const nlohmann::json& subset, const nlohmann::json& actual,
                                           const std::string& pointer) {
  const std::string where = pointer.empty() ? "/" : pointer;
  if (subset.is_object()) {
    if (!actual.is_object()) {
      return fmt::format("at {}: expected an object, got {}", where, shorten(actual.dump()));
    }
    for (const auto& [key, value] : subset.items()) {
      const auto found = actual.find(key);
      if (found == actual.end()) {
        return fmt::format("at {}: member \"{}\" is missing", where, key);
      }
      if (auto why = subset_mismatch(value, *found, pointer + "/" + key)) return why;
    }
    return std::nullopt;
  }
  if (subset.is_array()) {
    if (!actual.is_array() || actual.size() != subset.size()) {
      return fmt::format("at {}: expected {}, got {}", where, shorten(subset.dump()), shorten(actual.dump()));
    }
    for (std::size_t i = 0; i < subset.size(); ++i) {
      if (auto why = subset_mismatch(subset[i], actual[i], fmt::format("{}/{}", pointer, i))) {
        return why;
      }
    }
    return std::nullopt;
  }
  if (subset != actual) {
    return fmt::format("at {}: expected {}, got {}", where, shorten(subset.dump()), shorten(actual.dump()));
  }
  return std::nullopt;
}

std::optional<nlohmann::json> parse_json(const std::string& text) {
  auto parsed = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) return std::nullopt;
  return parsed;
}

}  // namespace

bool expectation_state::path_matches(const std::string& request_path) const {
  if (path_regex) return std::regex_match(request_path, *path_regex);
  return request_path == path;
}

std::optional<std::string> expectation_state::mismatch(const recorded_request& request) const {
  if (request.method != method) {
    return fmt::format("method is {}, not {}", request.method, method);
  }
  if (!path_matches(request.path)) {
    return fmt::format("path {} does not match {}", request.path, path);
  }
  for (const auto& c : conditions) {
    if (auto why = c.check(request)) return fmt::format("{}: {}", c.description, *why);
  }
  return std::nullopt;
}

std::string expectation_state::describe() const {
  std::string text = fmt::format("#{} {} {}{}", number, method, path_regex ? "~" : "", path);
  if (!conditions.empty()) {
    text += " [";
    for (std::size_t i = 0; i < conditions.size(); ++i) {
      if (i > 0) text += ", ";
      text += conditions[i].description;
    }
    text += "]";
  }
  return text;
}

}  // namespace detail

expectation::expectation(std::shared_ptr<detail::expectation_state> state, std::mutex& engine_mutex)
    : state_(std::move(state)), mutex_(&engine_mutex) {}

expectation& expectation::with_query(std::string key, std::string value) {
  std::lock_guard lock(*mutex_);
  auto description = fmt::format("query {}={}", key, value);
  state_->conditions.push_back(
      {std::move(description),
       [key = std::move(key), value = std::move(value)](const recorded_request& r) -> std::optional<std::string> {
         const auto [first, last] = r.query.equal_range(key);
         if (first == last) return "absent";
         for (auto it = first; it != last; ++it) {
           if (it->second == value) return std::nullopt;
         }
         return fmt::format("is \"{}\"", first->second);
       }});
  return *this;
}

expectation& expectation::with_query_json(std::string key, const nlohmann::json& value) {
  std::lock_guard lock(*mutex_);
  auto description = fmt::format("query {} as JSON {}", key, detail::shorten(value.dump()));
  state_->conditions.push_back(
      {std::move(description), [key = std::move(key), value](const recorded_request& r) -> std::optional<std::string> {
         const auto found = r.query.find(key);
         if (found == r.query.end()) return "absent";
         const auto parsed = detail::parse_json(found->second);
         if (!parsed) return fmt::format("\"{}\" is not JSON", found->second);
         if (*parsed != value) return fmt::format("is {}", detail::shorten(parsed->dump()));
         return std::nullopt;
       }});
  return *this;
}

expectation& expectation::without_query(std::string key) {
  std::lock_guard lock(*mutex_);
  auto description = fmt::format("no query {}", key);
  state_->conditions.push_back(
      {std::move(description), [key = std::move(key)](const recorded_request& r) -> std::optional<std::string> {
         const auto found = r.query.find(key);
         if (found == r.query.end()) return std::nullopt;
         return fmt::format("present as \"{}\"", found->second);
       }});
  return *this;
}

expectation& expectation::with_header(std::string name, std::string value) {
  std::lock_guard lock(*mutex_);
  auto description = fmt::format("header {}: {}", name, value);
  state_->conditions.push_back(
      {std::move(description),
       [name = std::move(name), value = std::move(value)](const recorded_request& r) -> std::optional<std::string> {
         const auto found = r.headers.find(name);
         if (found == r.headers.end()) return "absent";
         if (found->second != value) return fmt::format("is \"{}\"", found->second);
         return std::nullopt;
       }});
  return *this;
}

expectation& expectation::with_body(std::string body) {
  std::lock_guard lock(*mutex_);
  auto description = fmt::format("body \"{}\"", detail::shorten(body, 60));
  state_->conditions.push_back(
      {std::move(description), [body = std::move(body)](const recorded_request& r) -> std::optional<std::string> {
         if (r.body == body) return std::nullopt;
         return fmt::format("is \"{}\"", detail::shorten(r.body));
       }});
  return *this;
}

expectation& expectation::with_json_body(const nlohmann::json& body) {
  std::lock_guard lock(*mutex_);
  auto description = fmt::format("json body {}", detail::shorten(body.dump(), 80));
  state_->conditions.push_back(
      {std::move(description), [body](const recorded_request& r) -> std::optional<std::string> {
         const auto parsed = detail::parse_json(r.body);
         if (!parsed) return fmt::format("body is not JSON: \"{}\"", detail::shorten(r.body));
         if (*parsed == body) return std::nullopt;
         // A JSON patch from expected to actual says exactly what differs.
         return fmt::format("differs (patch expected→actual: {})",
                            detail::shorten(nlohmann::json::diff(body, *parsed).dump(), 400));
       }});
  return *this;
}

expectation& expectation::with_json_subset(const nlohmann::json& subset) {
  std::lock_guard lock(*mutex_);
  auto description = fmt::format("json subset {}", detail::shorten(subset.dump(), 80));
  state_->conditions.push_back(
      {std::move(description), [subset](const recorded_request& r) -> std::optional<std::string> {
         const auto parsed = detail::parse_json(r.body);
         if (!parsed) return fmt::format("body is not JSON: \"{}\"", detail::shorten(r.body));
         return detail::subset_mismatch(subset, *parsed, "");
       }});
  return *this;
}

expectation& expectation::when(std::function<bool(const recorded_request&)> predicate, std::string description) {
  std::lock_guard lock(*mutex_);
  state_->conditions.push_back(
      {std::move(description),
       [predicate = std::move(predicate)](const recorded_request& r) -> std::optional<std::string> {
         if (predicate(r)) return std::nullopt;
         return "does not hold";
       }});
  return *this;
}

expectation& expectation::times(std::size_t n) {
  std::lock_guard lock(*mutex_);
  state_->min_calls = n;
  state_->max_calls = n;
  return *this;
}

expectation& expectation::at_least(std::size_t n) {
  std::lock_guard lock(*mutex_);
  state_->min_calls = n;
  state_->max_calls.reset();
  return *this;
}

expectation& expectation::any_times() { return at_least(0); }

expectation& expectation::reply(int status, std::string body, std::string content_type) {
  std::lock_guard lock(*mutex_);
  state_->reply.status = status;
  state_->reply.body = std::move(body);
  state_->reply.content_type = state_->reply.body.empty() ? std::string{} : std::move(content_type);
  return *this;
}

expectation& expectation::reply_json(int status, const nlohmann::json& body) {
  return reply(status, body.dump(), "application/json");
}

expectation& expectation::reply_error(int status, std::string_view message) {
  return reply_json(status, nlohmann::json{{"message", message}});
}

expectation& expectation::reply_header(std::string name, std::string value) {
  std::lock_guard lock(*mutex_);
  state_->reply.headers.emplace_back(std::move(name), std::move(value));
  return *this;
}

expectation& expectation::delay(std::chrono::milliseconds duration) {
  std::lock_guard lock(*mutex_);
  state_->reply.delay = duration;
  return *this;
}

expectation& expectation::drop_connection() {
  std::lock_guard lock(*mutex_);
  state_->reply.drop_connection = true;
  return *this;
}

expectation& expectation::stream_chunks(std::vector<std::string> chunks, std::chrono::milliseconds gap) {
  std::lock_guard lock(*mutex_);
  state_->reply.chunks = std::move(chunks);
  state_->reply.gap = gap;
  state_->reply.cut = false;
  return *this;
}

expectation& expectation::stream_then_cut(std::vector<std::string> chunks, std::chrono::milliseconds gap) {
  std::lock_guard lock(*mutex_);
  state_->reply.chunks = std::move(chunks);
  state_->reply.gap = gap;
  state_->reply.cut = true;
  return *this;
}

expectation& expectation::hold_open() {
  std::lock_guard lock(*mutex_);
  state_->reply.hold_open = true;
  if (!state_->reply.chunks) state_->reply.chunks.emplace();
  return *this;
}

std::size_t expectation::call_count() const {
  std::lock_guard lock(*mutex_);
  return state_->calls;
}

std::string expectation::describe() const {
  std::lock_guard lock(*mutex_);
  return state_->describe();
}

}  // namespace stackctl::mock_engine
