// doctor's .env check against an env schema.
#include "stackctl/model/env_validation.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <map>
#include <set>

#include <fmt/format.h>

#include "stackctl/model/text.hpp"
#include "stackctl/model/volume_spec.hpp"

namespace stackctl::model {

namespace {

using text::lower;
using text::trim;

std::string number_text(double d) {
  if (d == std::floor(d) && std::fabs(d) < 1e15) return fmt::format("{}", static_cast<long long>(d));
  return fmt::format("{}", d);
}

std::string check_bounds(const env_var& var, double d, std::string_view value) {
  if (var.min && d < *var.min) return fmt::format("{} must be >= {}, got {}", var.key, number_text(*var.min), value);
  if (var.max && d > *var.max) return fmt::format("{} must be <= {}, got {}", var.key, number_text(*var.max), value);
  return {};
}

bool valid_url(std::string_view v, std::string* scheme) {
  const auto colon = v.find("://");
  if (colon == std::string_view::npos || colon == 0) return false;
  const auto s = v.substr(0, colon);
  if (!std::isalpha(static_cast<unsigned char>(s[0]))) return false;
  for (char c : s)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '.' && c != '-') return false;
  const auto rest = v.substr(colon + 3);
  const auto netloc = rest.substr(0, rest.find_first_of("/?#"));
  if (netloc.empty() || netloc.find_first_of(" \t") != std::string_view::npos) return false;
  *scheme = lower(s);
  return true;
}

}  // namespace

std::string env_problem::to_string() const {
  std::string out;
  if (!where.file.empty()) {
    out += where.file;
    if (where.line > 0) out += fmt::format(":{}", where.line);
    out += ": ";
  }
  return out + message;
}

std::string check_env_value(const env_var& var, std::string_view raw) {
  const std::string_view value = trim(raw);
  if (value.empty()) return var.required ? var.key + " must be set" : std::string{};
  switch (var.type) {
    case env_var_type::string:
    case env_var_type::file_path:
    case env_var_type::dir_path: return {};
    case env_var_type::int_: {
      std::string_view digits = value;
      if (digits.front() == '+' || digits.front() == '-') digits.remove_prefix(1);
      if (digits.empty() || !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return fmt::format("{} must be an integer, got \"{}\"", var.key, value);
      const std::string text(value);
      errno = 0;
      const double d = std::strtod(text.c_str(), nullptr);
      return check_bounds(var, d, value);
    }
    case env_var_type::float_: {
      const std::string text(value);
      char* end = nullptr;
      errno = 0;
      const double d = std::strtod(text.c_str(), &end);
      if (end != text.c_str() + text.size() || errno != 0 || !std::isfinite(d))
        return fmt::format("{} must be a number, got \"{}\"", var.key, value);
      return check_bounds(var, d, value);
    }
    case env_var_type::bool_: {
      static const std::set<std::string, std::less<>> ok{"1", "true", "yes", "on", "0", "false", "no", "off"};
      if (!ok.count(lower(value)))
        return fmt::format("{} must be a boolean (true/false, 1/0, yes/no, on/off), got \"{}\"", var.key, value);
      return {};
    }
    case env_var_type::enum_: {
      for (const auto& c : var.choices)
        if (c == value || (var.ignore_case && lower(c) == lower(value))) return {};
      return fmt::format("{} must be one of {}, got \"{}\"", var.key, fmt::join(var.choices, ", "), value);
    }
    case env_var_type::url: {
      std::string scheme;
      if (!valid_url(value, &scheme))
        return fmt::format("{} must be a URL (scheme://host...), got \"{}\"", var.key, value);
      if (!var.url_schemes.empty() && std::none_of(var.url_schemes.begin(), var.url_schemes.end(),
                                                   [&](const std::string& s) { return lower(s) == scheme; }))
        return fmt::format("{} must use {}, got \"{}\"", var.key, fmt::join(var.url_schemes, ", "), value);
      return {};
    }
    case env_var_type::csv: {
      std::size_t start = 0;
      while (true) {
        const auto comma = value.find(',', start);
        if (trim(value.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start)).empty())
          return fmt::format("{} must be a comma-separated list without empty entries, got \"{}\"", var.key, value);
        if (comma == std::string_view::npos) return {};
        start = comma + 1;
      }
    }
    case env_var_type::mount_source:
      if (is_host_path(value) || is_valid_volume_name(value)) return {};
      return fmt::format(
          "{}: \"{}\" is neither a host path nor a valid volume name; write \"./{}\" for a directory relative to "
          "the current directory",
          var.key, value, value);
  }
  return {};
}

std::vector<env_problem> validate_env(const env_schema& schema, const dotenv_file& dotenv) {
  using sev = env_problem::severity_kind;
  std::vector<env_problem> problems;
  auto at = [&](int line) { return source_location{dotenv.file, line, 0}; };
  if (!dotenv.exists) {  // not an error: without .env the schema defaults apply
    problems.push_back({sev::warning, {}, "no such file; the env schema's defaults apply", at(0)});
    return problems;
  }

  // The effective entry per key (the last), and repeated keys.
  std::map<std::string, const dotenv_entry*, std::less<>> last;
  for (const auto& e : dotenv.entries) {
    if (auto it = last.find(e.key); it != last.end())
      problems.push_back(
          {sev::warning, e.key,
           fmt::format("{} is set again (first on line {}); the last value wins", e.key, it->second->line),
           at(e.line)});
    last[e.key] = &e;
  }
  std::set<std::string, std::less<>> routed, derived;
  for (const auto* v : schema.variables())
    if (v->volume) routed.insert(v->volume->name_variable);
  for (const auto& d : schema.derived)
    if (d.exported) derived.insert(d.key);

  for (const auto& e : dotenv.entries) {
    if (last.at(e.key) != &e) continue;
    const env_var* var = schema.find(e.key);
    if (!var) {
      std::string why = "not in the env schema";
      if (routed.count(e.key)) why = "set by stackctl from the mount variable; remove it";
      else if (derived.count(e.key)) why = "derived by stackctl; remove it";
      problems.push_back({sev::error, e.key, fmt::format("unexpected variable {} ({})", e.key, why), at(e.line)});
      continue;
    }
    std::string_view value = trim(e.value);
    std::string problem;
    if (value.empty() && var->use_default && !var->required) problem = check_env_value(*var, var->default_value);
    else problem = check_env_value(*var, value);
    if (!problem.empty()) problems.push_back({sev::error, e.key, problem, at(e.line)});
  }
  for (const auto* v : schema.variables())
    if (!last.count(v->key))
      problems.push_back({sev::error, v->key,
                          v->default_value.empty() ? fmt::format("missing variable {}", v->key)
                                                   : fmt::format("missing variable {} (the default \"{}\" applies)",
                                                                 v->key, v->default_value),
                          at(0)});
  return problems;
}

}  // namespace stackctl::model
