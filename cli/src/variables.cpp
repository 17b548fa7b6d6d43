#include "variables.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "stackctl/model/text.hpp"

namespace stackctl::cli {

namespace {

bool name_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// Index of the '}' closing the "${" that starts at `open`, counting nested "${"; npos if none.
size_t closing_brace(std::string_view s, size_t open) {
  int depth = 0;
  for (size_t i = open; i < s.size(); ++i) {
    if (s[i] == '$' && i + 1 < s.size() && s[i + 1] == '{') {
      ++depth;
      ++i;
    } else if (s[i] == '}' && --depth == 0) {
      return i;
    }
  }
  return std::string_view::npos;
}

void add(variable_use v, std::map<std::string, variable_use>& out) {
  const std::string key = v.name;
  out[key] = std::move(v);
}

void walk(const nlohmann::ordered_json& j, std::map<std::string, variable_use>& out) {
  if (j.is_string()) {
    extract_variables(j.get_ref<const std::string&>(), out);
  } else if (j.is_structured()) {
    for (const auto& v : j) walk(v, out);
  }
}

// yaml.v3 quotes a string that would read back as something else (number, bool, null, ...).
std::string yaml_scalar(const std::string& s) {
  auto quoted = [&] { return nlohmann::json(s).dump(); };
  if (s.empty()) return quoted();
  static const char* special[] = {"true", "false", "yes", "no", "on", "off", "y", "n", "null", "~"};
  const std::string lower = model::text::lower(s);
  for (const char* w : special)
    if (lower == w) return quoted();
  const bool numeric = s.find_first_not_of("0123456789.+-eE_xXoObB") == std::string::npos &&
                       std::isdigit(static_cast<unsigned char>(s.back()));
  if (numeric) return quoted();
  if (std::string_view("-?:,[]{}#&*!|>'\"%@`").find(s.front()) != std::string_view::npos ||
      s.find(": ") != std::string::npos || s.find(" #") != std::string::npos || s.back() == ' ' || s.back() == ':' ||
      s.front() == ' ' || s.find('\n') != std::string::npos)
    return quoted();
  return s;
}

}  // namespace

void extract_variables(std::string_view text, std::map<std::string, variable_use>& out) {
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '$' || i + 1 >= text.size()) continue;
    const char next = text[i + 1];
    if (next == '$') {  // "$$" is a literal dollar
      ++i;
      continue;
    }
    if (name_start(next)) {
      size_t end = i + 1;
      while (end < text.size() && name_char(text[end])) ++end;
      add({std::string(text.substr(i + 1, end - i - 1)), {}, {}, false}, out);
      i = end - 1;
      continue;
    }
    if (next != '{') continue;
    const size_t close = closing_brace(text, i);
    if (close == std::string_view::npos) return;  // an invalid template names no variable
    const std::string_view body = text.substr(i + 2, close - i - 2);
    i = close;
    size_t n = 0;
    while (n < body.size() && name_char(body[n])) ++n;
    if (n == 0) continue;
    variable_use v{std::string(body.substr(0, n)), {}, {}, false};
    const std::string_view rest = body.substr(n);
    auto starts = [&](std::string_view p) { return rest.substr(0, p.size()) == p; };
    if (starts(":?") || starts("?")) v.required = true;
    else if (starts(":-")) v.default_value = rest.substr(2);
    else if (starts("-")) v.default_value = rest.substr(1);
    else if (starts(":+")) v.presence_value = rest.substr(2);
    else if (starts("+")) v.presence_value = rest.substr(1);
    const std::string nested = v.default_value;
    add(std::move(v), out);
    if (!nested.empty()) extract_variables(nested, out);
  }
}

std::map<std::string, variable_use> extract_variables(const nlohmann::ordered_json& model) {
  std::map<std::string, variable_use> out;
  walk(model, out);
  return out;
}

std::string variables_table(const std::map<std::string, variable_use>& vars) {
  std::vector<std::array<std::string, 4>> rows = {{"NAME", "REQUIRED", "DEFAULT VALUE", "ALTERNATE VALUE"}};
  for (const auto& [name, v] : vars)
    rows.push_back({name, v.required ? "true" : "false", v.default_value, v.presence_value});
  std::array<size_t, 4> width{};
  for (const auto& r : rows)
    for (size_t c = 0; c < 4; ++c) width[c] = std::max(width[c], r[c].size());
  std::string out;
  for (const auto& r : rows) {
    std::string line;
    for (size_t c = 0; c < 4; ++c) line += c == 3 ? r[c] : fmt::format("{:<{}}", r[c], width[c] + 3);
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }
  return out;
}

std::string variables_yaml(const std::map<std::string, variable_use>& vars) {
  if (vars.empty()) return "{}\n";
  std::string out;
  for (const auto& [name, v] : vars) {
    out += fmt::format("{}:\n", yaml_scalar(name));
    out += fmt::format("    name: {}\n", yaml_scalar(v.name));
    out += fmt::format("    defaultvalue: {}\n", yaml_scalar(v.default_value));
    out += fmt::format("    presencevalue: {}\n", yaml_scalar(v.presence_value));
    out += fmt::format("    required: {}\n", v.required ? "true" : "false");
  }
  return out;
}

std::string variables_json(const std::map<std::string, variable_use>& vars) {
  nlohmann::ordered_json doc = nlohmann::ordered_json::object();
  for (const auto& [name, v] : vars) {
    nlohmann::ordered_json entry;
    entry["Name"] = v.name;
    entry["DefaultValue"] = v.default_value;
    entry["PresenceValue"] = v.presence_value;
    entry["Required"] = v.required;
    doc[name] = std::move(entry);
  }
  return doc.dump(4) + "\n";
}

}  // namespace stackctl::cli
