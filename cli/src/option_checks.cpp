#include "option_checks.hpp"

#include <string>

#include <fmt/format.h>

namespace stackctl::cli {
namespace {

// Digits only, and small enough for an int (the flags' type).
bool is_count(const std::string& s) {
  return !s.empty() && s.size() <= 9 && s.find_first_not_of("0123456789") == std::string::npos;
}

}  // namespace

const CLI::Validator& seconds_check() {
  static const CLI::Validator check(
      [](std::string& value) -> std::string {
        if (is_count(value)) return {};
        return fmt::format("must be a whole number of seconds, 0 or more (not \"{}\")", value);
      },
      "SECONDS");
  return check;
}

const CLI::Validator& lines_or_all_check() {
  static const CLI::Validator check(
      [](std::string& value) -> std::string {
        if (value == "all" || is_count(value)) return {};
        return fmt::format("must be a number of lines, 0 or more, or \"all\" (not \"{}\")", value);
      },
      "N|all");
  return check;
}

}  // namespace stackctl::cli
