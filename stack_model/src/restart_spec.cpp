#include "restart_spec.hpp"

#include <cctype>
#include <cstdint>

namespace stackctl::model::detail {

namespace {

bool is_engine_policy(std::string_view name) {
  return name.empty() || name == "no" || name == "always" || name == "unless-stopped" || name == "on-failure";
}

}  // namespace

std::string restart_problem(std::string_view policy) {
  const auto colon = policy.find(':');
  const std::string_view name = policy.substr(0, colon);
  if (colon != std::string_view::npos && name.empty())
    return "invalid restart policy format: no policy provided before colon";
  if (!is_engine_policy(name))
    return "invalid restart policy: unknown policy '" + std::string(name) +
           "'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'";
  if (colon == std::string_view::npos) return {};
  // The retry count as Go's strconv.Atoi reads it: an optional sign, then decimal digits.
  std::string_view count = policy.substr(colon + 1);
  const bool negative = !count.empty() && count.front() == '-';
  if (!count.empty() && (count.front() == '-' || count.front() == '+')) count.remove_prefix(1);
  if (count.empty()) return "invalid restart policy format: maximum retry count must be an integer";
  std::uint64_t value = 0;
  for (char c : count) {
    if (!std::isdigit(static_cast<unsigned char>(c)))
      return "invalid restart policy format: maximum retry count must be an integer";
    value = value * 10 + static_cast<std::uint64_t>(c - '0');
    if (value > 2147483647) return "invalid restart policy: maximum retry count must be at most 2147483647";
  }
  if (negative && value != 0) return "invalid restart policy: maximum retry count cannot be negative";
  if (value != 0 && name != "on-failure")
    return "invalid restart policy: maximum retry count can only be used with 'on-failure'";
  return {};
}

std::string restart_condition_problem(std::string_view condition) {
  if (condition == "none" || condition == "any" || is_engine_policy(condition)) return {};
  return "invalid restart_policy condition '" + std::string(condition) + "'; use one of 'none', 'on-failure' or 'any'";
}

}  // namespace stackctl::model::detail
