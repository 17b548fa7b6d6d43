#include "go_format.hpp"

#include <cctype>
#include <charconv>
#include <cmath>
#include <stdexcept>
#include <string>

#include <fmt/format.h>

namespace stackctl::model::detail {

std::optional<std::chrono::nanoseconds> parse_duration(std::string_view s) {
  if (s.empty()) return std::nullopt;
  bool negative = false;
  if (s.front() == '-' || s.front() == '+') {
    negative = s.front() == '-';
    s.remove_prefix(1);
  }
  if (s == "0") return std::chrono::nanoseconds(0);
  if (s.empty()) return std::nullopt;
  long double total = 0;
  while (!s.empty()) {
    size_t i = 0;
    while (i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.')) ++i;
    if (i == 0) return std::nullopt;
    const std::string number(s.substr(0, i));
    if (number == ".") return std::nullopt;
    s.remove_prefix(i);
    size_t j = 0;
    while (j < s.size() && !std::isdigit(static_cast<unsigned char>(s[j])) && s[j] != '.') ++j;
    const std::string_view unit = s.substr(0, j);
    s.remove_prefix(j);
    long double scale = 0;
    if (unit == "ns") scale = 1;
    else if (unit == "us" || unit == "\xC2\xB5s" || unit == "\xCE\xBCs") scale = 1e3L;
    else if (unit == "ms") scale = 1e6L;
    else if (unit == "s") scale = 1e9L;
    else if (unit == "m") scale = 60e9L;
    else if (unit == "h") scale = 3600e9L;
    else if (unit == "d") scale = 86400e9L;
    else if (unit == "w") scale = 7 * 86400e9L;
    else return std::nullopt;
    try {
      total += std::stold(number) * scale;
    } catch (const std::exception&) {  // a number too long for a long double
      return std::nullopt;
    }
  }
  if (!(total < 9223372036854775808.0L)) return std::nullopt;  // Go: "invalid duration" (it would overflow)
  auto ns = static_cast<std::int64_t>(std::llround(total));
  return std::chrono::nanoseconds(negative ? -ns : ns);
}

namespace {
// Go's fmtFrac/fmtInt for Duration.String().
std::string frac(std::uint64_t v, int prec, std::uint64_t& rest) {
  std::string digits;
  bool print = false;
  for (int i = 0; i < prec; ++i) {
    const auto digit = v % 10;
    print = print || digit != 0;
    if (print) digits.insert(digits.begin(), static_cast<char>('0' + digit));
    v /= 10;
  }
  if (print) digits.insert(digits.begin(), '.');
  rest = v;
  return digits;
}
}  // namespace

std::string format_duration(std::chrono::nanoseconds d) {
  std::int64_t n = d.count();
  if (n == 0) return "0s";
  const bool neg = n < 0;
  std::uint64_t u = neg ? static_cast<std::uint64_t>(-n) : static_cast<std::uint64_t>(n);
  std::string out;
  if (u < 1000000000ULL) {
    int prec = 0;
    std::string unit;
    if (u < 1000ULL) {
      unit = "ns";
    } else if (u < 1000000ULL) {
      prec = 3;
      unit = "\xC2\xB5s";
    } else {
      prec = 6;
      unit = "ms";
    }
    std::uint64_t rest = 0;
    std::string f = frac(u, prec, rest);
    out = std::to_string(rest) + f + unit;
  } else {
    std::uint64_t rest = 0;
    std::string f = frac(u, 9, rest);
    u = rest;
    out = std::to_string(u % 60) + f + "s";
    u /= 60;
    if (u > 0) {
      out = std::to_string(u % 60) + "m" + out;
      u /= 60;
      if (u > 0) out = std::to_string(u) + "h" + out;
    }
  }
  return neg ? "-" + out : out;
}

std::optional<std::int64_t> parse_bytes(std::string_view s, bool* out_of_range) {
  size_t i = 0;
  while (i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.')) ++i;
  if (i == 0) return std::nullopt;
  long double value = 0;
  try {
    value = std::stold(std::string(s.substr(0, i)));
  } catch (...) {
    return std::nullopt;
  }
  std::string unit;
  for (char c : s.substr(i))
    if (c != ' ') unit += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (unit.size() >= 2 && unit.substr(unit.size() - 2) == "ib") unit.resize(unit.size() - 2);
  else if (unit.size() >= 2 && unit.back() == 'b') unit.pop_back();
  long double mul = 1;
  if (unit.empty() || unit == "b") mul = 1;
  else if (unit == "k") mul = 1024.0L;
  else if (unit == "m") mul = 1024.0L * 1024;
  else if (unit == "g") mul = 1024.0L * 1024 * 1024;
  else if (unit == "t") mul = 1024.0L * 1024 * 1024 * 1024;
  else if (unit == "p") mul = 1024.0L * 1024 * 1024 * 1024 * 1024;
  else return std::nullopt;
  const long double bytes = value * mul;
  if (!(bytes < 9223372036854775808.0L)) {  // Go's int64(float) wraps here; compose then prints a negative size
    if (out_of_range) *out_of_range = true;
    return std::nullopt;
  }
  return static_cast<std::int64_t>(bytes);
}

std::string format_float32(double value) { return fmt::format("{}", static_cast<float>(value)); }

}  // namespace stackctl::model::detail
