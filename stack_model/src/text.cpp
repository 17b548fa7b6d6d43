#include "stackctl/model/text.hpp"

#include <fmt/format.h>

namespace stackctl::model::text {

namespace {

bool is_ascii_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'; }

template <typename Keep>
std::vector<std::string> split_keeping(std::string_view s, char sep, Keep keep) {
  std::vector<std::string> out;
  for (;;) {
    const auto end = s.find(sep);
    const auto piece = s.substr(0, end);
    if (keep(piece)) out.emplace_back(piece);
    if (end == std::string_view::npos) return out;
    s.remove_prefix(end + 1);
  }
}

}  // namespace

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_ascii_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_ascii_space(s.back())) s.remove_suffix(1);
  return s;
}

std::vector<std::string> split(std::string_view s, char sep) {
  return split_keeping(s, sep, [](std::string_view) { return true; });
}

std::vector<std::string> split_non_empty(std::string_view s, char sep) {
  return split_keeping(s, sep, [](std::string_view piece) { return !piece.empty(); });
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::optional<bool> parse_bool(std::string_view s) {
  if (s == "1" || s == "t" || s == "T" || s == "TRUE" || s == "true" || s == "True") return true;
  if (s == "0" || s == "f" || s == "F" || s == "FALSE" || s == "false" || s == "False") return false;
  return std::nullopt;
}

std::string child_path(std::string_view path, std::string_view key) {
  std::string out;
  out.reserve(path.size() + 1 + key.size());
  out += path;
  if (!path.empty()) out += '.';
  out += key;
  return out;
}

std::string index_path(std::string_view path, std::size_t i) { return fmt::format("{}[{}]", path, i); }

}  // namespace stackctl::model::text
