#include <stackctl/mock_engine/recorded_request.hpp>

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace stackctl::mock_engine {

bool case_insensitive_less::operator()(std::string_view a, std::string_view b) const noexcept {
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) < std::tolower(static_cast<unsigned char>(y));
  });
}

bool recorded_request::has_query(const std::string& key) const { return query.contains(key); }

std::string recorded_request::query_value(const std::string& key) const {
  const auto found = query.find(key);
  return found == query.end() ? std::string{} : found->second;
}

std::string recorded_request::header(const std::string& name) const {
  const auto found = headers.find(name);
  return found == headers.end() ? std::string{} : found->second;
}

nlohmann::json recorded_request::json() const {
  auto parsed = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) {
    throw std::runtime_error(fmt::format("mock engine: the body of {} is not JSON: \"{}\"", describe(), body));
  }
  return parsed;
}

std::string recorded_request::describe() const {
  if (raw_query.empty()) return fmt::format("{} {}", method, path);
  return fmt::format("{} {}?{}", method, path, raw_query);
}

}  // namespace stackctl::mock_engine
