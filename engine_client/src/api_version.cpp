#include "stackctl/engine/api_version.hpp"

#include <charconv>
#include <stdexcept>

#include <fmt/format.h>

namespace stackctl::engine {

namespace {
int parse_number(std::string_view digits, std::string_view whole) {
  int value = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (digits.empty() || ec != std::errc{} || end != digits.data() + digits.size()) {
    throw std::invalid_argument(fmt::format("invalid API version \"{}\" (expected e.g. 1.41)", whole));
  }
  return value;
}
}  // namespace

api_version api_version::parse(std::string_view text) {
  const auto dot = text.find('.');
  if (dot == std::string_view::npos) {
    throw std::invalid_argument(fmt::format("invalid API version \"{}\" (expected e.g. 1.41)", text));
  }
  return api_version{parse_number(text.substr(0, dot), text), parse_number(text.substr(dot + 1), text)};
}

std::string api_version::to_string() const { return fmt::format("{}.{}", major, minor); }

}  // namespace stackctl::engine
