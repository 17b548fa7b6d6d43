#include "stackctl/engine/logs_options.hpp"

#include <cctype>
#include <chrono>
#include <ctime>
#include <string_view>

#include <fmt/format.h>

#include "stackctl/engine/error.hpp"

namespace stackctl::engine {

namespace {

using namespace std::chrono;

[[noreturn]] void invalid(const std::string& value) {
  throw engine_error(error_kind::invalid,
                     fmt::format("invalid time \"{}\": use unix seconds, RFC 3339 (2024-01-02T15:04:05Z) "
                                 "or a duration such as 10m or 1h30m",
                                 value));
}

bool all_digits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

std::string format_timestamp(nanoseconds since_epoch) {
  const auto secs = floor<seconds>(since_epoch);
  const auto nanos = (since_epoch - secs).count();
  if (nanos == 0) return std::to_string(secs.count());
  return fmt::format("{}.{:09d}", secs.count(), nanos);
}

// Go's time.ParseDuration subset: one or more <number>[.<fraction>]<unit>, units ns us ms s m h.
// Like Go's, a total past the int64 range of nanoseconds (~2562047h) is invalid, not wrapped.
std::optional<nanoseconds> parse_duration(std::string_view text, const std::string& whole) {
  if (text.empty()) return std::nullopt;
  double total = 0;
  while (!text.empty()) {
    std::size_t i = 0;
    while (i < text.size() && (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '.')) ++i;
    if (i == 0) return std::nullopt;
    const std::string number(text.substr(0, i));
    text.remove_prefix(i);
    std::size_t u = 0;
    while (u < text.size() && std::isalpha(static_cast<unsigned char>(text[u]))) ++u;
    const std::string_view unit = text.substr(0, u);
    text.remove_prefix(u);
    double scale = 0;
    if (unit == "ns") scale = 1;
    else if (unit == "us") scale = 1e3;
    else if (unit == "ms") scale = 1e6;
    else if (unit == "s") scale = 1e9;
    else if (unit == "m") scale = 60e9;
    else if (unit == "h") scale = 3600e9;
    else return std::nullopt;
    char* end = nullptr;
    const double value = std::strtod(number.c_str(), &end);
    if (end != number.c_str() + number.size()) return std::nullopt;
    total += value * scale;
  }
  // 2^63 is exact in a double; anything at or past it (or inf) does not fit an int64.
  if (!(total < 0x1p63)) invalid(whole);
  return nanoseconds(static_cast<std::int64_t>(total));
}

int digits_at(std::string_view text, std::size_t pos, std::size_t count, const std::string& whole) {
  if (pos + count > text.size() || !all_digits(text.substr(pos, count))) invalid(whole);
  return std::stoi(std::string(text.substr(pos, count)));
}

// RFC 3339 and the shorter layouts the docker CLI accepts: 2006-01-02, 2006-01-02T15:04,
// 2006-01-02T15:04:05[.frac], each optionally followed by Z or ±hh:mm (none → local time).
nanoseconds parse_time(std::string_view text, const std::string& whole) {
  std::tm tm{};
  tm.tm_year = digits_at(text, 0, 4, whole) - 1900;
  if (text.size() < 10 || text[4] != '-' || text[7] != '-') invalid(whole);
  tm.tm_mon = digits_at(text, 5, 2, whole) - 1;
  tm.tm_mday = digits_at(text, 8, 2, whole);
  std::size_t pos = 10;
  std::int64_t fraction_ns = 0;
  if (pos < text.size() && (text[pos] == 'T' || text[pos] == 't' || text[pos] == ' ')) {
    tm.tm_hour = digits_at(text, pos + 1, 2, whole);
    if (pos + 3 >= text.size() || text[pos + 3] != ':') invalid(whole);
    tm.tm_min = digits_at(text, pos + 4, 2, whole);
    pos += 6;
    if (pos < text.size() && text[pos] == ':') {
      tm.tm_sec = digits_at(text, pos + 1, 2, whole);
      pos += 3;
      if (pos < text.size() && text[pos] == '.') {
        ++pos;
        std::int64_t scale = 100000000;
        const std::size_t start = pos;
        while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) {
          fraction_ns += (text[pos] - '0') * scale;
          scale /= 10;
          ++pos;
        }
        if (pos == start) invalid(whole);
      }
    }
  }
  std::time_t seconds_since_epoch = 0;
  if (pos == text.size()) {
    tm.tm_isdst = -1;
    seconds_since_epoch = std::mktime(&tm);
  } else if (text.substr(pos) == "Z" || text.substr(pos) == "z") {
    seconds_since_epoch = ::timegm(&tm);
  } else if ((text[pos] == '+' || text[pos] == '-') && text.size() == pos + 6 && text[pos + 3] == ':') {
    const int offset = digits_at(text, pos + 1, 2, whole) * 3600 + digits_at(text, pos + 4, 2, whole) * 60;
    seconds_since_epoch = ::timegm(&tm) - (text[pos] == '+' ? offset : -offset);
  } else {
    invalid(whole);
  }
  return seconds(seconds_since_epoch) + nanoseconds(fraction_ns);
}

}  // namespace

std::string to_unix_timestamp(const std::string& value) {
  if (value.empty()) return value;
  const std::string_view text = value;
  const auto dot = text.find('.');
  if (all_digits(text.substr(0, dot)) && (dot == std::string_view::npos || all_digits(text.substr(dot + 1)))) {
    return value;  // already unix seconds
  }
  if (auto duration = parse_duration(text, value)) {
    const auto now = duration_cast<nanoseconds>(system_clock::now().time_since_epoch());
    return format_timestamp(now - *duration);
  }
  if (text.size() >= 10 && std::isdigit(static_cast<unsigned char>(text[0]))) {
    return format_timestamp(parse_time(text, value));
  }
  invalid(value);
}

}  // namespace stackctl::engine
