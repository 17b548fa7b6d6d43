// Scalar and list values of the merged tree: numbers, booleans, strings, string lists and maps, shell words, raw
// values.
#include "canonical_loader.hpp"
#include "stackctl/model/service_overrides.hpp"

namespace stackctl::model::detail::canon {

[[noreturn]] void fail(const tree& t, const std::string& path, const std::string& message) {
  throw model_error(message, t.where, path);
}

std::string quoted_value(const tree& t) {
  std::string out = go_quote(t.text);
  if (!t.written.empty()) out += " (from " + go_quote(t.written) + ")";
  return out;
}

std::int64_t parse_int(const tree& t, const std::string& path) {
  if (!t.is_scalar()) fail(t, path, "must be an integer");
  std::string s = t.text;
  s.erase(std::remove(s.begin(), s.end(), '_'), s.end());
  int base = 10;
  size_t start = (!s.empty() && (s[0] == '+' || s[0] == '-')) ? 1 : 0;
  bool neg = start == 1 && s[0] == '-';
  std::string digits = s.substr(start);
  if (digits.size() > 2 && digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X'))
    base = 16, digits = digits.substr(2);
  else if (digits.size() > 2 && digits[0] == '0' && digits[1] == 'o') base = 8, digits = digits.substr(2);
  else if (digits.size() > 2 && digits[0] == '0' && digits[1] == 'b') base = 2, digits = digits.substr(2);
  std::uint64_t magnitude = 0;
  auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), magnitude, base);
  if (digits.empty() || ptr != digits.data() + digits.size() ||
      (ec != std::errc() && ec != std::errc::result_out_of_range))
    fail(t, path, fmt::format("invalid integer: {}", quoted_value(t)));
  constexpr auto max = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
  if (ec == std::errc::result_out_of_range || magnitude > max + (neg ? 1 : 0))
    fail(t, path, fmt::format("invalid integer: {}: value out of range", quoted_value(t)));
  if (neg)
    return magnitude == max + 1 ? std::numeric_limits<std::int64_t>::min() : -static_cast<std::int64_t>(magnitude);
  return static_cast<std::int64_t>(magnitude);
}

std::int64_t parse_int_in(const tree& t, const std::string& path, std::int64_t low, std::int64_t high) {
  const std::int64_t v = parse_int(t, path);
  if (v < low) fail(t, path, fmt::format("must be greater than or equal to {}", low));
  if (v > high) fail(t, path, fmt::format("must be less than or equal to {}", high));
  return v;
}

double parse_float(const tree& t, const std::string& path) {
  if (!t.is_scalar()) fail(t, path, "must be a number");
  try {
    size_t used = 0;
    double v = std::stod(t.text, &used);
    if (used != t.text.size()) throw std::invalid_argument("trailing");
    return v;
  } catch (const std::exception&) {
    fail(t, path, fmt::format("invalid number: {}", quoted_value(t)));
  }
}

bool parse_bool(const tree& t, const std::string& path, std::vector<std::string>* warnings) {
  if (!t.is_scalar()) fail(t, path, "must be a boolean");
  const std::string& s = t.text;
  const std::string lower = text::lower(s);
  if (lower == "true") return true;
  if (lower == "false") return false;
  if (lower == "y" || lower == "yes" || lower == "on" || lower == "n" || lower == "no" || lower == "off") {
    if (warnings)
      warnings->push_back(fmt::format("{}: \"{}\" for a boolean is deprecated, use true or false", path, s));
    return lower == "y" || lower == "yes" || lower == "on";
  }
  fail(t, path, fmt::format("invalid boolean: {}", quoted_value(t)));
}

std::string str(const tree& t, const std::string& path) {
  if (t.is_null()) return {};
  if (!t.is_scalar()) fail(t, path, t.is_map() ? "must be a string, not a mapping" : "must be a string, not a list");
  return t.text;
}

std::vector<std::string> string_list(const tree& t, const std::string& path, bool allow_scalar) {
  std::vector<std::string> out;
  if (t.is_null()) return out;
  if (t.is_scalar()) {
    if (!allow_scalar) fail(t, path, "must be a list");
    out.push_back(t.text);
    return out;
  }
  if (!t.is_seq()) fail(t, path, "must be a list, not a mapping");
  for (size_t i = 0; i < t.seq.size(); ++i) out.push_back(str(t.seq[i], index_path(path, i)));
  return out;
}

json to_json_list(const std::vector<std::string>& v) {
  json j = json::array();
  for (const auto& s : v) j.push_back(s);
  return j;
}

std::vector<std::string> shell_split(const std::string& s, const tree& t, const std::string& path) {
  try {
    return parse_command_line(s);
  } catch (const model_error& e) {
    fail(t, path, e.message());
  }
}

json shell_command(const tree& t, const std::string& path) {
  if (t.is_null()) return nullptr;
  if (t.is_scalar()) return to_json_list(shell_split(t.text, t, path));
  return to_json_list(string_list(t, path, false));
}

std::optional<std::string> map_value(const tree& t, const std::string& path) {
  if (t.is_null()) return std::nullopt;
  if (!t.is_scalar()) fail(t, path, "must be a string, number or null");
  return t.text;
}

std::map<std::string, std::optional<std::string>> mapping_or_list(const tree& t, const std::string& path,
                                                                  char alt_sep) {
  std::map<std::string, std::optional<std::string>> out;
  if (t.is_null()) return out;
  if (t.is_map()) {
    for (const auto& [k, v] : t.map) out[k] = map_value(v, child_path(path, k));
    return out;
  }
  if (!t.is_seq()) fail(t, path, "must be a mapping or a list of KEY=VALUE");
  for (size_t i = 0; i < t.seq.size(); ++i) {
    const std::string s = str(t.seq[i], index_path(path, i));
    auto pos = s.find('=');
    if (pos == std::string::npos && alt_sep) pos = s.find(alt_sep);
    if (pos == std::string::npos) out[s] = std::nullopt;
    else out[s.substr(0, pos)] = s.substr(pos + 1);
  }
  return out;
}

json string_map_json(const std::map<std::string, std::optional<std::string>>& m, bool null_as_empty) {
  json j = json::object();
  for (const auto& [k, v] : m) {
    if (v) j[k] = *v;
    else if (null_as_empty) j[k] = "";
    else j[k] = nullptr;
  }
  return j;
}

json raw(const tree& t, bool sort_keys) {
  switch (t.k) {
    case tree::kind::null: return nullptr;
    case tree::kind::scalar: return scalar_value(t);
    case tree::kind::sequence: {
      json j = json::array();
      for (const auto& item : t.seq) j.push_back(raw(item, sort_keys));
      return j;
    }
    case tree::kind::mapping: {
      json j = json::object();
      if (sort_keys) {
        std::vector<const tree_entry*> entries;
        for (const auto& e : t.map) entries.push_back(&e);
        std::sort(entries.begin(), entries.end(), [](auto* a, auto* b) { return a->first < b->first; });
        for (auto* e : entries) j[e->first] = raw(e->second, sort_keys);
      } else {
        for (const auto& [k, v] : t.map) j[k] = raw(v, sort_keys);
      }
      return j;
    }
  }
  return nullptr;
}

std::string clean_path(const std::string& p) {
  if (p.empty()) return p;
  std::string out = fs::path(p).lexically_normal().generic_string();
  while (out.size() > 1 && out.back() == '/') out.pop_back();
  return out;
}

void add_extensions(json& j, const tree& t) {
  std::vector<const tree_entry*> ext;
  for (const auto& e : t.map)
    if (starts_with(e.first, "x-")) ext.push_back(&e);
  std::sort(ext.begin(), ext.end(), [](auto* a, auto* b) { return a->first < b->first; });
  for (auto* e : ext) j[e->first] = sorted_raw_map(e->second);
}

}  // namespace stackctl::model::detail::canon
