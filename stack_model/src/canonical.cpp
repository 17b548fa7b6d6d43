#include "canonical.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <functional>
#include <limits>

#include <fmt/format.h>

#include "go_format.hpp"
#include "input_guard.hpp"
#include "port_spec.hpp"
#include "restart_spec.hpp"
#include "stackctl/model/dotenv.hpp"
#include "stackctl/model/model_error.hpp"
#include "stackctl/model/text.hpp"
#include "stackctl/model/volume_spec.hpp"

namespace stackctl::model::detail {

namespace fs = std::filesystem;

json json_only_null() { return json::binary({}, 1); }
json json_only_empty_object() { return json::binary({}, 2); }
bool is_json_only(const json& j) { return j.is_binary(); }

namespace {

[[noreturn]] void fail(const tree& t, const std::string& path, const std::string& message) {
  throw model_error(message, t.where, path);
}

using text::child_path;
using text::index_path;

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
    fail(t, path, fmt::format("invalid integer: {}", t.text));
  constexpr auto max = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
  if (ec == std::errc::result_out_of_range || magnitude > max + (neg ? 1 : 0))
    fail(t, path, fmt::format("invalid integer: {}: value out of range", t.text));
  if (neg)
    return magnitude == max + 1 ? std::numeric_limits<std::int64_t>::min() : -static_cast<std::int64_t>(magnitude);
  return static_cast<std::int64_t>(magnitude);
}

constexpr std::int64_t int_max = std::numeric_limits<int>::max();  // what the engine and the typed model hold
constexpr std::int64_t int_min = std::numeric_limits<int>::min();
constexpr std::int64_t uint32_max = std::numeric_limits<std::uint32_t>::max();
constexpr std::int64_t int64_max = std::numeric_limits<std::int64_t>::max();

// An integer field with the range the engine (or compose's schema) accepts, so nothing wraps later.
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
    fail(t, path, fmt::format("invalid number: {}", t.text));
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
  fail(t, path, fmt::format("invalid boolean: {}", s));
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

// Splits a command string as compose does (shellwords: quotes, backslash escapes, no expansion).
std::vector<std::string> shell_split(const std::string& s, const tree& t, const std::string& path) {
  std::vector<std::string> out;
  std::string cur;
  bool in_word = false, single = false, dbl = false, escaped = false;
  for (char c : s) {
    if (escaped) {
      cur += c;
      escaped = false;
      in_word = true;
      continue;
    }
    if (c == '\\' && !single) {
      escaped = true;
      continue;
    }
    if (single) {
      if (c == '\'') single = false;
      else cur += c;
      continue;
    }
    if (dbl) {
      if (c == '"') dbl = false;
      else cur += c;
      continue;
    }
    if (c == '\'') {
      single = true;
      in_word = true;
    } else if (c == '"') {
      dbl = true;
      in_word = true;
    } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      if (in_word) out.push_back(cur);
      cur.clear();
      in_word = false;
    } else {
      cur += c;
      in_word = true;
    }
  }
  if (single || dbl || escaped) fail(t, path, fmt::format("invalid command line string: {}", s));
  if (in_word) out.push_back(cur);
  return out;
}

json shell_command(const tree& t, const std::string& path) {
  if (t.is_null()) return nullptr;
  if (t.is_scalar()) return to_json_list(shell_split(t.text, t, path));
  return to_json_list(string_list(t, path, false));
}

// Scalar text for a mapping value: numbers/bools as written; null → nullopt.
std::optional<std::string> map_value(const tree& t, const std::string& path) {
  if (t.is_null()) return std::nullopt;
  if (!t.is_scalar()) fail(t, path, "must be a string, number or null");
  return t.text;
}

// `KEY=VALUE` list or mapping → sorted key → value|null.
std::map<std::string, std::optional<std::string>> mapping_or_list(const tree& t, const std::string& path,
                                                                  char alt_sep = 0) {
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

json raw(const tree& t, bool sort_keys);

json sorted_raw_map(const tree& t) { return raw(t, true); }

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
        std::vector<const std::pair<std::string, tree>*> entries;
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

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

std::string clean_path(const std::string& p) {
  if (p.empty()) return p;
  std::string out = fs::path(p).lexically_normal().generic_string();
  while (out.size() > 1 && out.back() == '/') out.pop_back();
  return out;
}

// Appends the x-* extensions of a struct-like mapping, sorted, after its fields.
void add_extensions(json& j, const tree& t) {
  std::vector<const std::pair<std::string, tree>*> ext;
  for (const auto& e : t.map)
    if (starts_with(e.first, "x-")) ext.push_back(&e);
  std::sort(ext.begin(), ext.end(), [](auto* a, auto* b) { return a->first < b->first; });
  for (auto* e : ext) j[e->first] = sorted_raw_map(e->second);
}

struct loader_state {
  canonical_context& ctx;
  const tree& root;
  std::set<std::string> declared_volumes;  // keys of the top-level volumes, looked up per mount

  loader_state(canonical_context& c, const tree& r) : ctx(c), root(r) {
    if (const tree* vols = root.find("volumes"); vols && vols->is_map())
      for (const auto& [k, _] : vols->map) declared_volumes.insert(k);
  }

  std::string home() const {
    auto it = ctx.environment.find("HOME");
    return it == ctx.environment.end() ? std::string() : it->second;
  }

  bool resolve() const { return ctx.options->resolve_paths; }

  // A bare NAME in `environment` or build `args` takes its value from the project environment;
  // bytes there that are not UTF-8 (from the process) are refused at the entry naming them.
  std::optional<std::string> environment_value(const std::string& name, const tree& t, const std::string& path) const {
    const auto it = ctx.environment.find(name);
    if (it == ctx.environment.end()) return std::nullopt;
    if (const auto bad = find_invalid_utf8(it->second))
      fail(t, path, fmt::format("the value of {} in the environment is not UTF-8: {}", name, bad->reason));
    return it->second;
  }

  // Host path: '~' expanded, made absolute against the project directory.
  std::string host_path(const std::string& p) const {
    std::string s = p;
    if (s == "~" || starts_with(s, "~/")) s = home() + s.substr(1);
    else if (starts_with(s, "~")) s = home() + "/" + s.substr(1);
    if (!resolve()) return s;
    if (!s.empty() && s[0] != '/') s = ctx.working_dir + "/" + s;
    return clean_path(s);
  }

  bool is_remote_context(const std::string& s) const {
    return starts_with(s, "http://") || starts_with(s, "https://") || starts_with(s, "git://") ||
           starts_with(s, "git@") || starts_with(s, "github.com/") || s.find("://") != std::string::npos;
  }

  std::string relative_path(const std::string& p) const {  // build context etc: no ~ expansion
    if (!resolve() || p.empty() || is_remote_context(p)) return p;
    if (p == "~" || starts_with(p, "~/")) return host_path(p);
    if (p[0] == '/') return clean_path(p);
    return clean_path(ctx.working_dir + "/" + p);
  }

  json file_mode(const tree& t, const std::string& path) const {
    std::uint64_t v = 0;
    if (!t.is_scalar()) fail(t, path, "must be a file mode");
    const std::string& s = t.text;
    const bool plain_int = !t.is_string && resolve_scalar(t) == scalar_type::integer;
    int base = plain_int ? ((s.size() > 1 && s[0] == '0' && s[1] != 'x' && s[1] != 'o') ? 8 : 10) : 8;
    std::string digits = s;
    if (starts_with(digits, "0o")) digits = digits.substr(2), base = 8;
    auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v, base);
    if (digits.empty() || ec != std::errc() || ptr != digits.data() + digits.size())
      fail(t, path, fmt::format("invalid file mode: {}", s));
    if (v > static_cast<std::uint64_t>(uint32_max))
      fail(t, path, fmt::format("invalid file mode: {}: value out of range", s));
    return fmt::format("0{:o}", v);
  }

  json file_refs(const tree& t, const std::string& path) const {
    json out = json::array();
    if (t.is_null()) return out;
    if (!t.is_seq()) fail(t, path, "must be a list");
    for (size_t i = 0; i < t.seq.size(); ++i) {
      const tree& item = t.seq[i];
      const std::string p = index_path(path, i);
      json j = json::object();
      if (item.is_scalar()) {
        j["source"] = item.text;
      } else if (item.is_map()) {
        for (const char* f : {"source", "target", "uid", "gid"})
          if (auto* v = item.find(f)) {
            std::string s = str(*v, child_path(p, f));
            if (!s.empty()) j[f] = s;
          }
        if (auto* v = item.find("mode")) j["mode"] = file_mode(*v, child_path(p, "mode"));
        for (const auto& [k, v] : item.map)
          if (k != "source" && k != "target" && k != "uid" && k != "gid" && k != "mode" && !starts_with(k, "x-"))
            fail(v, child_path(p, k), "unknown field");
        add_extensions(j, item);
      } else {
        fail(item, p, "must be a name or a mapping");
      }
      out.push_back(std::move(j));
    }
    return out;
  }

  static std::chrono::nanoseconds duration_of(const tree& t, const std::string& path) {
    const std::string s = str(t, path);
    auto d = parse_duration(s);
    if (!d) fail(t, path, fmt::format("invalid duration: \"{}\"", s));
    return *d;
  }

  json duration_value(const tree& t, const std::string& path) const { return format_duration(duration_of(t, path)); }

  // A byte size; -1 only where it means "unlimited" (memswap_limit, mem_swappiness).
  json bytes_value(const tree& t, const std::string& path, bool minus_one_allowed = false) const {
    std::int64_t b = 0;
    if (t.is_scalar() && !t.is_string && resolve_scalar(t) == scalar_type::integer) {
      b = parse_int(t, path);
    } else {
      const std::string s = str(t, path);
      bool out_of_range = false;
      const auto parsed = parse_bytes(s, &out_of_range);
      if (!parsed) fail(t, path, fmt::format("invalid size: \"{}\"{}", s, out_of_range ? ": value out of range" : ""));
      b = *parsed;
    }
    if (b < 0 && !(minus_one_allowed && b == -1))
      fail(t, path,
           minus_one_allowed ? "must be -1 (unlimited) or greater than or equal to 0"
                             : "must be greater than or equal to 0");
    return std::to_string(b);
  }

  // cpus, cpu_percent, max_failure_ratio: a float32 (NaN, infinities and larger numbers do not
  // render), not negative.
  json cpus_value(const tree& t, const std::string& path) const {
    const double v = parse_float(t, path);
    if (!std::isfinite(v)) fail(t, path, fmt::format("invalid number: {}", t.text));
    if (std::fabs(v) > std::numeric_limits<float>::max())
      fail(t, path, fmt::format("invalid number: {}: value out of range", t.text));
    if (v < 0) fail(t, path, "must be greater than or equal to 0");
    return json::parse(format_float32(v));
  }

  // ports: short syntax "[ip:][published:]target[/proto]" with ranges; long syntax mapping.
  void ports(const tree& t, const std::string& path, json& out) const {
    if (t.is_null()) return;
    if (!t.is_seq()) fail(t, path, "must be a list");
    for (size_t i = 0; i < t.seq.size(); ++i) {
      const tree& item = t.seq[i];
      const std::string p = index_path(path, i);
      if (item.is_map()) {
        json j = json::object();
        if (auto* v = item.find("name")) j["name"] = str(*v, child_path(p, "name"));
        std::string mode = item.find("mode") ? str(*item.find("mode"), child_path(p, "mode")) : "ingress";
        j["mode"] = mode.empty() ? "ingress" : mode;
        if (auto* v = item.find("host_ip")) {
          std::string s = str(*v, child_path(p, "host_ip"));
          if (!s.empty() && !is_ip_address(s)) fail(*v, child_path(p, "host_ip"), "invalid IP address: " + s);
          if (!s.empty()) j["host_ip"] = s;
        }
        const tree* target = item.find("target");
        if (!target) fail(item, p, "port mapping needs a target");
        j["target"] = parse_int_in(*target, child_path(p, "target"), 0, 65535);
        if (auto* v = item.find("published")) {
          std::string s = str(*v, child_path(p, "published"));
          long low = 0, high = 0;
          if (!s.empty() && !parse_port_range(s, low, high))
            fail(*v, child_path(p, "published"), "invalid hostPort: " + s);
          if (!s.empty()) j["published"] = s;
        }
        std::string proto = item.find("protocol") ? str(*item.find("protocol"), child_path(p, "protocol")) : "tcp";
        j["protocol"] = proto.empty() ? "tcp" : proto;
        if (auto* v = item.find("app_protocol")) j["app_protocol"] = str(*v, child_path(p, "app_protocol"));
        add_extensions(j, item);
        out.push_back(std::move(j));
        continue;
      }
      if (!item.is_scalar()) fail(item, p, "must be a port string or a mapping");
      parse_short_port(item, p, out);
    }
  }

  void parse_short_port(const tree& item, const std::string& p, json& out) const {
    std::vector<port_mapping> mappings;
    try {
      mappings = parse_port_spec(item.text);
    } catch (const port_spec_error& e) {
      fail(item, p, fmt::format("invalid port \"{}\": {}", item.text, e.what()));
    }
    // go-connections returns the ports keyed "<port>/<proto>", which compose sorts as strings.
    std::vector<std::pair<std::string, json>> entries;
    for (const auto& m : mappings) {
      json j = json::object();
      j["mode"] = "ingress";
      if (!m.host_ip.empty()) j["host_ip"] = m.host_ip;
      j["target"] = m.target;
      if (!m.published.empty()) j["published"] = m.published;
      j["protocol"] = m.protocol;
      entries.emplace_back(fmt::format("{}/{}", m.target, m.protocol), std::move(j));
    }
    std::stable_sort(entries.begin(), entries.end(), [](auto& a, auto& b) { return a.first < b.first; });
    for (auto& e : entries) out.push_back(std::move(e.second));
  }

  std::string volume_key_from(const std::string& source) const { return source; }

  // The engine's rule (a container path is absolute), checked where the mount is written.
  static void check_mount_target(const std::string& type, const std::string& target, const tree& t,
                                 const std::string& path) {
    if (target.empty() || target[0] != '/')
      fail(t, path,
           fmt::format("invalid mount config for type \"{}\": invalid mount path: '{}' mount path must be absolute",
                       type, target));
  }

  void check_volume_declared(const std::string& service, const std::string& source, const tree& item,
                             const std::string& p) const {
    if (!ctx.options->consistency) return;
    if (!declared_volumes.count(source))
      fail(item, p,
           fmt::format("service \"{}\" refers to undefined volume {}: invalid compose project", service, source));
  }

  json mounts(const std::string& service, const tree& t, const std::string& path) const {
    json out = json::array();
    if (t.is_null()) return out;
    if (!t.is_seq()) fail(t, path, "must be a list");
    for (size_t i = 0; i < t.seq.size(); ++i) {
      const tree& item = t.seq[i];
      const std::string p = index_path(path, i);
      json j = json::object();
      if (item.is_scalar()) {
        volume_spec spec;
        try {
          spec = parse_volume_spec(item.text);
        } catch (const std::exception& e) {
          fail(item, p, e.what());
        }
        check_mount_target(spec.type == volume_spec::kind::bind ? "bind" : "volume", spec.target, item, p);
        if (spec.type == volume_spec::kind::bind) {
          j["type"] = "bind";
          j["source"] = host_path(*spec.source);
          j["target"] = clean_path(spec.target);
          if (spec.read_only) j["read_only"] = true;
          json bind = json::object();
          if (spec.selinux) bind["selinux"] = *spec.selinux;
          if (spec.propagation) bind["propagation"] = *spec.propagation;
          j["bind"] = bind;
        } else {
          j["type"] = "volume";
          if (spec.source) {
            if (!is_valid_volume_name(*spec.source))
              fail(item, p,
                   fmt::format("\"{}\" is not a valid volume name; use \"./{}\" for a path relative to the "
                               "project directory",
                               *spec.source, *spec.source));
            check_volume_declared(service, *spec.source, item, p);
            j["source"] = *spec.source;
          }
          j["target"] = clean_path(spec.target);
          if (spec.read_only) j["read_only"] = true;
          json vol = json::object();
          if (spec.nocopy) vol["nocopy"] = true;
          j["volume"] = vol;
        }
        out.push_back(std::move(j));
        continue;
      }
      if (!item.is_map()) fail(item, p, "must be a string or a mapping");
      const tree* type_t = item.find("type");
      std::string type = type_t ? str(*type_t, child_path(p, "type")) : "volume";
      if (type != "bind" && type != "volume" && type != "tmpfs" && type != "npipe" && type != "cluster" &&
          type != "image")
        fail(type_t ? *type_t : item, child_path(p, "type"), fmt::format("invalid mount type \"{}\"", type));
      j["type"] = type;
      std::string source = item.find("source") ? str(*item.find("source"), child_path(p, "source")) : "";
      if (type == "bind") {
        if (source.empty()) fail(item, p, "bind mount needs a source");
        source = host_path(source);
      } else if (type == "volume" && !source.empty()) {
        check_volume_declared(service, source, *item.find("source"), child_path(p, "source"));
      }
      if (!source.empty()) j["source"] = source;
      const tree* target = item.find("target");
      if (!target) fail(item, p, "mount needs a target");
      const std::string target_path = str(*target, child_path(p, "target"));
      check_mount_target(type, target_path, *target, child_path(p, "target"));
      j["target"] = clean_path(target_path);
      if (auto* v = item.find("read_only"); v && parse_bool(*v, child_path(p, "read_only"), &ctx.warnings))
        j["read_only"] = true;
      if (auto* v = item.find("consistency")) j["consistency"] = str(*v, child_path(p, "consistency"));
      if (auto* b = item.find("bind")) {
        const std::string bp = child_path(p, "bind");
        json bind = json::object();
        if (auto* v = b->find("selinux")) bind["selinux"] = str(*v, child_path(bp, "selinux"));
        if (auto* v = b->find("propagation")) bind["propagation"] = str(*v, child_path(bp, "propagation"));
        if (auto* v = b->find("create_host_path");
            v && !parse_bool(*v, child_path(bp, "create_host_path"), &ctx.warnings))
          bind["create_host_path"] = false;
        if (auto* v = b->find("recursive")) bind["recursive"] = str(*v, child_path(bp, "recursive"));
        j["bind"] = bind;
      }
      if (auto* v = item.find("volume")) {
        const std::string vp = child_path(p, "volume");
        json vol = json::object();
        if (auto* l = v->find("labels"))
          vol["labels"] = string_map_json(mapping_or_list(*l, child_path(vp, "labels")), true);
        if (auto* n = v->find("nocopy"); n && parse_bool(*n, child_path(vp, "nocopy"), &ctx.warnings))
          vol["nocopy"] = true;
        if (auto* s = v->find("subpath")) vol["subpath"] = str(*s, child_path(vp, "subpath"));
        j["volume"] = vol;
      }
      if (auto* v = item.find("tmpfs")) {
        const std::string tp = child_path(p, "tmpfs");
        json tm = json::object();
        if (auto* s = v->find("size")) tm["size"] = bytes_value(*s, child_path(tp, "size"));
        if (auto* m = v->find("mode")) tm["mode"] = parse_int_in(*m, child_path(tp, "mode"), 0, uint32_max);
        j["tmpfs"] = tm;
      }
      if (auto* v = item.find("image")) j["image"] = sorted_raw_map(*v);
      add_extensions(j, item);
      out.push_back(std::move(j));
    }
    return out;
  }

  json healthcheck(const tree& t, const std::string& path) const {
    if (!t.is_map()) fail(t, path, "must be a mapping");
    json j = json::object();
    if (auto* v = t.find("test")) {
      if (v->is_scalar()) j["test"] = json::array({"CMD-SHELL", v->text});
      else {
        auto list = string_list(*v, child_path(path, "test"), false);
        if (!list.empty() && list[0] != "CMD" && list[0] != "CMD-SHELL" && list[0] != "NONE")
          fail(*v, child_path(path, "test"),
               "healthcheck test must start either by \"CMD\", \"CMD-SHELL\" or \"NONE\"");
        j["test"] = to_json_list(list);
      }
    }
    // The engine refuses a set duration under 1ms (a negative one included), in these words.
    const auto engine_duration = [&](const char* f, const char* engine_name) {
      if (const tree* v = t.find(f)) {
        const auto d = duration_of(*v, child_path(path, f));
        if (d != d.zero() && d < std::chrono::milliseconds(1))
          fail(*v, child_path(path, f), fmt::format("{} in Healthcheck cannot be less than 1ms", engine_name));
        j[f] = format_duration(d);
      }
    };
    engine_duration("timeout", "Timeout");
    engine_duration("interval", "Interval");
    if (auto* v = t.find("retries")) j["retries"] = parse_int_in(*v, child_path(path, "retries"), 0, int_max);
    engine_duration("start_period", "StartPeriod");
    engine_duration("start_interval", "StartInterval");
    if (auto* v = t.find("disable"); v && parse_bool(*v, child_path(path, "disable"), &ctx.warnings))
      j["disable"] = true;
    add_extensions(j, t);
    return j;
  }

  json resource(const tree& t, const std::string& path) const {
    json j = json::object();
    if (t.is_null()) return j;
    if (!t.is_map()) fail(t, path, "must be a mapping");
    if (auto* v = t.find("cpus")) j["cpus"] = cpus_value(*v, child_path(path, "cpus"));
    if (auto* v = t.find("memory")) j["memory"] = bytes_value(*v, child_path(path, "memory"));
    if (auto* v = t.find("pids")) j["pids"] = parse_int(*v, child_path(path, "pids"));
    if (auto* v = t.find("devices")) {
      json devices = json::array();
      const std::string dp = child_path(path, "devices");
      for (size_t i = 0; v->is_seq() && i < v->seq.size(); ++i) {
        const tree& d = v->seq[i];
        const std::string ip = index_path(dp, i);
        json dj = json::object();
        if (auto* c = d.find("capabilities"))
          dj["capabilities"] = to_json_list(string_list(*c, child_path(ip, "capabilities"), false));
        if (auto* c = d.find("driver")) dj["driver"] = str(*c, child_path(ip, "driver"));
        if (auto* c = d.find("count")) {
          if (c->is_scalar() && c->text == "all") dj["count"] = -1;
          else dj["count"] = parse_int(*c, child_path(ip, "count"));
        }
        if (auto* c = d.find("device_ids"))
          dj["device_ids"] = to_json_list(string_list(*c, child_path(ip, "device_ids"), false));
        if (auto* c = d.find("options"))
          dj["options"] = string_map_json(mapping_or_list(*c, child_path(ip, "options")), true);
        devices.push_back(std::move(dj));
      }
      j["devices"] = devices;
    }
    if (auto* v = t.find("generic_resources")) j["generic_resources"] = raw(*v, false);
    return j;
  }

  json update_config(const tree& t, const std::string& path) const {
    json j = json::object();
    if (auto* v = t.find("parallelism")) j["parallelism"] = parse_int(*v, child_path(path, "parallelism"));
    if (auto* v = t.find("delay")) j["delay"] = duration_value(*v, child_path(path, "delay"));
    if (auto* v = t.find("failure_action")) j["failure_action"] = str(*v, child_path(path, "failure_action"));
    if (auto* v = t.find("monitor")) j["monitor"] = duration_value(*v, child_path(path, "monitor"));
    if (auto* v = t.find("max_failure_ratio"))
      j["max_failure_ratio"] = cpus_value(*v, child_path(path, "max_failure_ratio"));
    if (auto* v = t.find("order")) j["order"] = str(*v, child_path(path, "order"));
    return j;
  }

  json deploy(const tree& t, const std::string& path) const {
    if (!t.is_map()) fail(t, path, "must be a mapping");
    for (const char* f : {"resources", "restart_policy", "placement", "update_config", "rollback_config"})
      if (auto* v = t.find(f); v && !v->is_map() && !v->is_null()) fail(*v, child_path(path, f), "must be a mapping");
    json j = json::object();
    if (auto* v = t.find("mode")) j["mode"] = str(*v, child_path(path, "mode"));
    if (auto* v = t.find("replicas")) j["replicas"] = parse_int_in(*v, child_path(path, "replicas"), 0, int_max);
    if (auto* v = t.find("labels"))
      j["labels"] = string_map_json(mapping_or_list(*v, child_path(path, "labels")), true);
    if (auto* v = t.find("update_config")) j["update_config"] = update_config(*v, child_path(path, "update_config"));
    if (auto* v = t.find("rollback_config"))
      j["rollback_config"] = update_config(*v, child_path(path, "rollback_config"));
    if (auto* v = t.find("resources")) {
      json r = json::object();
      if (auto* l = v->find("limits")) r["limits"] = resource(*l, child_path(path, "resources.limits"));
      if (auto* l = v->find("reservations"))
        r["reservations"] = resource(*l, child_path(path, "resources.reservations"));
      j["resources"] = r;
    } else {
      j["resources"] = json_only_empty_object();  // a Go struct value: JSON always shows it
    }
    if (auto* v = t.find("restart_policy")) {
      const std::string rp = child_path(path, "restart_policy");
      json r = json::object();
      if (auto* x = v->find("condition")) {
        r["condition"] = str(*x, child_path(rp, "condition"));
        if (const auto problem = restart_condition_problem(r["condition"].get<std::string>()); !problem.empty())
          fail(*x, child_path(rp, "condition"), problem);
      }
      if (auto* x = v->find("delay")) r["delay"] = duration_value(*x, child_path(rp, "delay"));
      if (auto* x = v->find("max_attempts"))
        r["max_attempts"] = parse_int_in(*x, child_path(rp, "max_attempts"), 0, int_max);
      if (auto* x = v->find("window")) r["window"] = duration_value(*x, child_path(rp, "window"));
      j["restart_policy"] = r;
    }
    if (auto* v = t.find("placement")) {
      const std::string pp = child_path(path, "placement");
      json r = json::object();
      if (auto* x = v->find("constraints"))
        r["constraints"] = to_json_list(string_list(*x, child_path(pp, "constraints"), false));
      if (auto* x = v->find("preferences")) r["preferences"] = raw(*x, false);
      if (auto* x = v->find("max_replicas_per_node"))
        r["max_replicas_per_node"] = parse_int(*x, child_path(pp, "max_replicas_per_node"));
      j["placement"] = r;
    } else {
      j["placement"] = json_only_empty_object();
    }
    if (auto* v = t.find("endpoint_mode")) j["endpoint_mode"] = str(*v, child_path(path, "endpoint_mode"));
    add_extensions(j, t);
    return j;
  }

  json build(const tree& t, const std::string& path) const {
    json j = json::object();
    if (t.is_scalar()) {
      j["context"] = relative_path(t.text);
      j["dockerfile"] = "Dockerfile";
      return j;
    }
    if (!t.is_map()) fail(t, path, "must be a string or a mapping");
    std::string context = t.find("context") ? str(*t.find("context"), child_path(path, "context")) : ".";
    j["context"] = relative_path(context.empty() ? "." : context);
    if (auto* v = t.find("dockerfile")) j["dockerfile"] = str(*v, child_path(path, "dockerfile"));
    else if (!t.find("dockerfile_inline")) j["dockerfile"] = "Dockerfile";
    if (auto* v = t.find("dockerfile_inline")) j["dockerfile_inline"] = str(*v, child_path(path, "dockerfile_inline"));
    if (auto* v = t.find("entitlements"))
      j["entitlements"] = to_json_list(string_list(*v, child_path(path, "entitlements"), false));
    if (auto* v = t.find("args")) {
      auto args = mapping_or_list(*v, child_path(path, "args"));
      json a = json::object();
      for (auto& [k, val] : args) {
        if (!val) {
          if (auto value = environment_value(k, *v, child_path(path, "args"))) a[k] = std::move(*value);
          else if (!ctx.options->normalize) a[k] = nullptr;
          continue;  // normalisation drops unset build args
        }
        a[k] = *val;
      }
      if (!a.empty()) j["args"] = a;
    }
    if (auto* v = t.find("ssh")) {
      if (v->is_map()) {
        auto m = mapping_or_list(*v, child_path(path, "ssh"));
        json s = json::array();
        for (auto& [k, val] : m) s.push_back(val ? k + "=" + *val : k);
        j["ssh"] = s;
      } else {
        j["ssh"] = to_json_list(string_list(*v, child_path(path, "ssh"), true));
      }
    }
    if (auto* v = t.find("labels"))
      j["labels"] = string_map_json(mapping_or_list(*v, child_path(path, "labels")), true);
    for (const char* f : {"cache_from", "cache_to"})
      if (auto* v = t.find(f)) j[f] = to_json_list(string_list(*v, child_path(path, f), false));
    if (auto* v = t.find("no_cache"); v && parse_bool(*v, child_path(path, "no_cache"), &ctx.warnings))
      j["no_cache"] = true;
    if (auto* v = t.find("additional_contexts")) {
      auto m = mapping_or_list(*v, child_path(path, "additional_contexts"));
      json a = json::object();
      for (auto& [k, val] : m) {
        std::string s = val.value_or("");
        // docker-image://, service:, URLs stay as written; local paths are resolved.
        if (s.find("://") == std::string::npos && !starts_with(s, "service:")) s = relative_path(s);
        a[k] = s;
      }
      j["additional_contexts"] = a;
    }
    if (auto* v = t.find("pull"); v && parse_bool(*v, child_path(path, "pull"), &ctx.warnings)) j["pull"] = true;
    if (auto* v = t.find("extra_hosts")) j["extra_hosts"] = hosts(*v, child_path(path, "extra_hosts"));
    for (const char* f : {"isolation", "network", "target"})
      if (auto* v = t.find(f)) j[f] = str(*v, child_path(path, f));
    if (auto* v = t.find("secrets")) j["secrets"] = file_refs(*v, child_path(path, "secrets"));
    if (auto* v = t.find("tags")) j["tags"] = to_json_list(string_list(*v, child_path(path, "tags"), false));
    if (auto* v = t.find("ulimits")) j["ulimits"] = ulimits(*v, child_path(path, "ulimits"));
    if (auto* v = t.find("platforms"))
      j["platforms"] = to_json_list(string_list(*v, child_path(path, "platforms"), false));
    if (auto* v = t.find("privileged"); v && parse_bool(*v, child_path(path, "privileged"), &ctx.warnings))
      j["privileged"] = true;
    if (auto* v = t.find("shm_size")) j["shm_size"] = bytes_value(*v, child_path(path, "shm_size"));
    add_extensions(j, t);
    return j;
  }

  json hosts(const tree& t, const std::string& path) const {
    auto m = mapping_or_list(t, path, ':');
    json out = json::array();
    for (auto& [k, v] : m) out.push_back(v ? k + "=" + *v : k);
    return out;
  }

  json ulimits(const tree& t, const std::string& path) const {
    json j = json::object();
    if (!t.is_map()) fail(t, path, "must be a mapping");
    std::map<std::string, json> sorted;
    for (const auto& [k, v] : t.map) {
      const std::string p = child_path(path, k);
      if (v.is_scalar()) sorted[k] = parse_int(v, p);
      else if (v.is_map()) {
        json u = json::object();
        const tree* soft = v.find("soft");
        const tree* hard = v.find("hard");
        if (soft) u["soft"] = parse_int(*soft, child_path(p, "soft"));
        if (hard) u["hard"] = parse_int(*hard, child_path(p, "hard"));
        if (soft && hard && u["hard"] != -1 && (u["soft"] == -1 || u["soft"] > u["hard"]))
          fail(
              *soft, child_path(p, "soft"),
              fmt::format("ulimit soft limit must be less than or equal to hard limit: {} > {}",
                          u["soft"].get<std::int64_t>() == -1 ? "-1 (unlimited)" : u["soft"].dump(), u["hard"].dump()));
        sorted[k] = u;
      } else {
        fail(v, p, "must be a number or a mapping with soft and hard");
      }
    }
    for (auto& [k, v] : sorted) j[k] = v;
    return j;
  }

  json service_networks(const tree& t, const std::string& path) const {
    json j = json::object();
    std::map<std::string, json> sorted;
    if (t.is_seq()) {
      for (size_t i = 0; i < t.seq.size(); ++i) sorted[str(t.seq[i], index_path(path, i))] = nullptr;
    } else if (t.is_map()) {
      for (const auto& [k, v] : t.map) {
        const std::string p = child_path(path, k);
        if (v.is_null()) {
          sorted[k] = nullptr;
          continue;
        }
        if (!v.is_map()) fail(v, p, "must be a mapping or null");
        json n = json::object();
        if (auto* x = v.find("aliases")) n["aliases"] = to_json_list(string_list(*x, child_path(p, "aliases"), false));
        if (auto* x = v.find("driver_opts"))
          n["driver_opts"] = string_map_json(mapping_or_list(*x, child_path(p, "driver_opts")), true);
        if (auto* x = v.find("gw_priority"))
          n["gw_priority"] = parse_int_in(*x, child_path(p, "gw_priority"), int_min, int_max);
        for (const char* f : {"interface_name", "ipv4_address", "ipv6_address"})
          if (auto* x = v.find(f)) n[f] = str(*x, child_path(p, f));
        if (auto* x = v.find("link_local_ips"))
          n["link_local_ips"] = to_json_list(string_list(*x, child_path(p, "link_local_ips"), false));
        if (auto* x = v.find("mac_address")) n["mac_address"] = str(*x, child_path(p, "mac_address"));
        if (auto* x = v.find("priority")) n["priority"] = parse_int_in(*x, child_path(p, "priority"), int_min, int_max);
        add_extensions(n, v);
        sorted[k] = n;
      }
    } else if (!t.is_null()) {
      fail(t, path, "must be a list or a mapping");
    }
    for (auto& [k, v] : sorted) j[k] = v;
    return j;
  }

  json depends_on(const tree& t, const std::string& path) const {
    std::map<std::string, json> sorted;
    auto entry = [](const std::string& condition, bool restart, bool required) {
      json d = json::object();
      d["condition"] = condition;
      if (restart) d["restart"] = true;
      d["required"] = required;
      return d;
    };
    if (t.is_seq()) {
      for (size_t i = 0; i < t.seq.size(); ++i)
        sorted[str(t.seq[i], index_path(path, i))] = entry("service_started", false, true);
    } else if (t.is_map()) {
      for (const auto& [k, v] : t.map) {
        const std::string p = child_path(path, k);
        std::string condition = "service_started";
        bool restart = false, required = true;
        if (v.is_map()) {
          if (auto* x = v.find("condition")) condition = str(*x, child_path(p, "condition"));
          if (condition != "service_started" && condition != "service_healthy" &&
              condition != "service_completed_successfully")
            fail(*v.find("condition"), child_path(p, "condition"), fmt::format("invalid condition \"{}\"", condition));
          if (auto* x = v.find("restart")) restart = parse_bool(*x, child_path(p, "restart"), &ctx.warnings);
          if (auto* x = v.find("required")) required = parse_bool(*x, child_path(p, "required"), &ctx.warnings);
        } else if (!v.is_null()) {
          fail(v, p, "must be a mapping");
        }
        sorted[k] = entry(condition, restart, required);
      }
    } else {
      fail(t, path, "must be a list or a mapping");
    }
    json j = json::object();
    for (auto& [k, v] : sorted) j[k] = v;
    return j;
  }

  json hooks(const tree& t, const std::string& path) const {
    json out = json::array();
    if (!t.is_seq()) fail(t, path, "must be a list");
    for (size_t i = 0; i < t.seq.size(); ++i) {
      const tree& h = t.seq[i];
      const std::string p = index_path(path, i);
      json j = json::object();
      if (auto* v = h.find("command")) j["command"] = shell_command(*v, child_path(p, "command"));
      if (auto* v = h.find("user")) j["user"] = str(*v, child_path(p, "user"));
      if (auto* v = h.find("privileged"); v && parse_bool(*v, child_path(p, "privileged"), &ctx.warnings))
        j["privileged"] = true;
      if (auto* v = h.find("working_dir")) j["working_dir"] = str(*v, child_path(p, "working_dir"));
      if (auto* v = h.find("environment"))
        j["environment"] = string_map_json(mapping_or_list(*v, child_path(p, "environment")), false);
      out.push_back(std::move(j));
    }
    return out;
  }

  // env_file entries → [{path, required, format}] with paths resolved.
  json env_files(const tree& t, const std::string& path) const {
    json out = json::array();
    auto add = [&](const std::string& file, bool required, const std::string& format) {
      json e = json::object();
      e["path"] = relative_path(file);
      if (!required) e["required"] = false;
      if (!format.empty()) e["format"] = format;
      out.push_back(std::move(e));
    };
    if (t.is_scalar()) {
      add(t.text, true, "");
      return out;
    }
    if (!t.is_seq()) fail(t, path, "must be a string or a list");
    for (size_t i = 0; i < t.seq.size(); ++i) {
      const tree& item = t.seq[i];
      const std::string p = index_path(path, i);
      if (item.is_scalar()) add(item.text, true, "");
      else if (item.is_map()) {
        const tree* file = item.find("path");
        if (!file) fail(item, p, "env_file entry needs a path");
        bool required = true;
        if (auto* r = item.find("required")) required = parse_bool(*r, child_path(p, "required"), &ctx.warnings);
        add(str(*file, child_path(p, "path")), required,
            item.find("format") ? str(*item.find("format"), child_path(p, "format")) : "");
      } else {
        fail(item, p, "must be a path or a mapping");
      }
    }
    return out;
  }

  // Values of env files, in order (later files win), expanded with the project environment.
  std::map<std::string, std::string> read_service_env_files(const json& files, const tree& where,
                                                            const std::string& path) const {
    std::map<std::string, std::string> out;
    for (const auto& f : files) {
      const std::string file = f["path"].get<std::string>();
      const bool required = !f.contains("required") || f["required"].get<bool>();
      std::error_code ec;
      if (!fs::exists(file, ec)) {
        if (!required) continue;
        fail(where, path, fmt::format("env file {} not found: stat {}: no such file or directory", file, file));
      }
      env_map values;
      try {
        values = read_env_files({fs::path(file)}, lookup_in(ctx.environment));
      } catch (const model_error&) {
        throw;
      } catch (const std::exception& e) {
        fail(where, path, e.what());
      }
      for (auto& [k, v] : values) out[k] = v;
    }
    return out;
  }

  json service(const std::string& name, const tree& t, const std::string& path) {
    if (!t.is_map()) fail(t, path, "must be a mapping");
    json j = json::object();
    auto get = [&](const char* f) { return t.find(f); };
    auto p = [&](const char* f) { return child_path(path, f); };
    auto put_str = [&](const char* f) {
      if (auto* v = get(f)) {
        std::string s = str(*v, p(f));
        if (!s.empty()) j[f] = s;
      }
    };
    auto put_list = [&](const char* f, bool allow_scalar) {
      if (auto* v = get(f)) {
        auto l = string_list(*v, p(f), allow_scalar);
        if (!l.empty()) j[f] = to_json_list(l);
      }
    };
    auto put_bool = [&](const char* f, bool pointer) {
      if (auto* v = get(f)) {
        bool b = parse_bool(*v, p(f), &ctx.warnings);
        if (b || pointer) j[f] = b;
      }
    };
    auto put_int = [&](const char* f, std::int64_t low = std::numeric_limits<std::int64_t>::min(),
                       std::int64_t high = int64_max) {
      if (auto* v = get(f)) {
        auto n = parse_int_in(*v, p(f), low, high);
        if (n != 0) j[f] = n;
      }
    };
    auto put_float = [&](const char* f) {
      if (auto* v = get(f)) j[f] = cpus_value(*v, p(f));
    };
    auto put_bytes = [&](const char* f, bool minus_one_allowed = false) {
      if (auto* v = get(f)) j[f] = bytes_value(*v, p(f), minus_one_allowed);
    };
    auto put_map = [&](const char* f, bool null_as_empty) {
      if (auto* v = get(f)) {
        auto m = mapping_or_list(*v, p(f));
        if (!m.empty()) j[f] = string_map_json(m, null_as_empty);
      }
    };
    auto put_raw = [&](const char* f) {
      if (auto* v = get(f)) j[f] = sorted_raw_map(*v);
    };
    static const std::set<std::string> known = {"profiles",
                                                "annotations",
                                                "attach",
                                                "build",
                                                "develop",
                                                "blkio_config",
                                                "cap_add",
                                                "cap_drop",
                                                "cgroup_parent",
                                                "cgroup",
                                                "cpu_count",
                                                "cpu_percent",
                                                "cpu_period",
                                                "cpu_quota",
                                                "cpu_rt_period",
                                                "cpu_rt_runtime",
                                                "cpus",
                                                "cpuset",
                                                "cpu_shares",
                                                "command",
                                                "configs",
                                                "container_name",
                                                "credential_spec",
                                                "depends_on",
                                                "deploy",
                                                "device_cgroup_rules",
                                                "devices",
                                                "dns",
                                                "dns_opt",
                                                "dns_search",
                                                "dockerfile",
                                                "domainname",
                                                "entrypoint",
                                                "provider",
                                                "environment",
                                                "env_file",
                                                "expose",
                                                "extends",
                                                "external_links",
                                                "extra_hosts",
                                                "group_add",
                                                "gpus",
                                                "hostname",
                                                "healthcheck",
                                                "image",
                                                "init",
                                                "ipc",
                                                "isolation",
                                                "labels",
                                                "label_file",
                                                "links",
                                                "logging",
                                                "log_driver",
                                                "log_opt",
                                                "mem_limit",
                                                "mem_reservation",
                                                "memswap_limit",
                                                "mem_swappiness",
                                                "mac_address",
                                                "models",
                                                "net",
                                                "network_mode",
                                                "networks",
                                                "oom_kill_disable",
                                                "oom_score_adj",
                                                "pid",
                                                "pids_limit",
                                                "platform",
                                                "ports",
                                                "privileged",
                                                "pull_policy",
                                                "read_only",
                                                "restart",
                                                "runtime",
                                                "scale",
                                                "secrets",
                                                "security_opt",
                                                "shm_size",
                                                "stdin_open",
                                                "stop_grace_period",
                                                "stop_signal",
                                                "storage_opt",
                                                "sysctls",
                                                "tmpfs",
                                                "tty",
                                                "ulimits",
                                                "use_api_socket",
                                                "user",
                                                "userns_mode",
                                                "uts",
                                                "volume_driver",
                                                "volumes",
                                                "volumes_from",
                                                "working_dir",
                                                "post_start",
                                                "pre_stop",
                                                "name"};
    for (const auto& [k, v] : t.map)
      if (!known.count(k) && !starts_with(k, "x-"))
        ctx.warnings.push_back(fmt::format("{}:{}:{}: {}: unknown service field \"{}\" ignored", v.where.file,
                                           v.where.line, v.where.column, path, k));
    if (auto* v = get("extends")) fail(*v, p("extends"), "extends is not supported yet");

    put_list("profiles", false);
    put_map("annotations", true);
    put_bool("attach", true);
    if (auto* v = get("build")) j["build"] = build(*v, p("build"));
    put_raw("develop");
    put_raw("blkio_config");
    put_list("cap_add", false);
    put_list("cap_drop", false);
    put_str("cgroup_parent");
    put_str("cgroup");
    put_int("cpu_count", 0);
    if (get("cpu_percent")) put_float("cpu_percent");
    put_int("cpu_period");
    put_int("cpu_quota");
    put_int("cpu_rt_period");
    put_int("cpu_rt_runtime");
    if (get("cpus")) put_float("cpus");
    put_str("cpuset");
    put_int("cpu_shares");
    j["command"] = get("command") ? shell_command(*get("command"), p("command")) : json_only_null();
    if (auto* v = get("configs")) {
      auto refs = file_refs(*v, p("configs"));
      if (!refs.empty()) j["configs"] = refs;
    }
    put_str("container_name");
    put_raw("credential_spec");
    if (auto* v = get("depends_on")) {
      auto d = depends_on(*v, p("depends_on"));
      if (!d.empty()) j["depends_on"] = d;
    }
    if (auto* v = get("deploy")) j["deploy"] = deploy(*v, p("deploy"));
    put_list("device_cgroup_rules", false);
    if (auto* v = get("devices")) {
      json devices = json::array();
      for (size_t i = 0; v->is_seq() && i < v->seq.size(); ++i) {
        const tree& d = v->seq[i];
        json dj = json::object();
        if (d.is_scalar()) {
          std::vector<std::string> parts;
          size_t start = 0;
          for (size_t pos; (pos = d.text.find(':', start)) != std::string::npos; start = pos + 1)
            parts.push_back(d.text.substr(start, pos - start));
          parts.push_back(d.text.substr(start));
          if (parts.size() > 3)
            fail(d, index_path(p("devices"), i), "confusing device mapping, please use long syntax: " + d.text);
          dj["source"] = parts[0];
          dj["target"] = parts.size() > 1 ? parts[1] : parts[0];
          dj["permissions"] = parts.size() > 2 ? parts[2] : "rwm";
        } else {
          for (const char* f : {"source", "target", "permissions"})
            if (auto* x = d.find(f)) dj[f] = str(*x, child_path(index_path(p("devices"), i), f));
        }
        devices.push_back(std::move(dj));
      }
      j["devices"] = devices;
    }
    put_list("dns", true);
    put_list("dns_opt", false);
    put_list("dns_search", true);
    put_str("dockerfile");
    put_str("domainname");
    j["entrypoint"] = get("entrypoint") ? shell_command(*get("entrypoint"), p("entrypoint")) : json_only_null();
    put_raw("provider");
    {
      // environment: env_file values first, then `environment` wins; bare names from the project env.
      std::map<std::string, std::optional<std::string>> env;
      json files;
      if (auto* v = get("env_file")) {
        files = env_files(*v, p("env_file"));
        for (auto& [k, val] : read_service_env_files(files, *v, p("env_file"))) env[k] = val;
      }
      if (auto* v = get("environment"))
        for (auto& [k, val] : mapping_or_list(*v, p("environment"))) {
          if (!val) {
            if (auto value = environment_value(k, *v, p("environment"))) env[k] = std::move(value);
            else if (!env.count(k)) env[k] = std::nullopt;
            continue;
          }
          env[k] = val;
        }
      if (!env.empty()) j["environment"] = string_map_json(env, false);
      if (!files.is_null() && ctx.options->keep_env_file_fields) j["env_file"] = files;
    }
    if (auto* v = get("expose")) {
      auto l = string_list(*v, p("expose"), true);
      for (std::size_t i = 0; i < l.size(); ++i) {
        const std::string port = l[i].substr(0, l[i].find('/'));
        long low = 0, high = 0;
        if (!parse_port_range(port, low, high))
          fail(v->is_seq() ? v->seq[i] : *v, v->is_seq() ? index_path(p("expose"), i) : p("expose"),
               fmt::format("invalid port \"{}\": invalid containerPort: {}", l[i], port));
      }
      if (!l.empty()) j["expose"] = to_json_list(l);
    }
    put_list("external_links", false);
    if (auto* v = get("extra_hosts")) j["extra_hosts"] = hosts(*v, p("extra_hosts"));
    put_list("group_add", false);
    put_raw("gpus");
    put_str("hostname");
    if (auto* v = get("healthcheck")) j["healthcheck"] = healthcheck(*v, p("healthcheck"));
    put_str("image");
    put_bool("init", true);
    put_str("ipc");
    put_str("isolation");
    {
      std::map<std::string, std::optional<std::string>> labels;
      std::vector<std::string> label_files;
      if (auto* v = get("label_file")) {
        for (auto& f : string_list(*v, p("label_file"), true)) label_files.push_back(relative_path(f));
        json as_env = json::array();
        for (auto& f : label_files) as_env.push_back(json{{"path", f}});
        for (auto& [k, val] : read_service_env_files(as_env, *v, p("label_file"))) labels[k] = val;
      }
      if (auto* v = get("labels"))
        for (auto& [k, val] : mapping_or_list(*v, p("labels"))) labels[k] = val.value_or("");
      if (!labels.empty()) j["labels"] = string_map_json(labels, true);
      if (!label_files.empty() && ctx.options->keep_env_file_fields) j["label_file"] = to_json_list(label_files);
    }
    put_list("links", false);
    if (auto* v = get("logging")) {
      json l = json::object();
      if (auto* d = v->find("driver")) l["driver"] = str(*d, child_path(p("logging"), "driver"));
      if (auto* o = v->find("options"))
        l["options"] = string_map_json(mapping_or_list(*o, child_path(p("logging"), "options")), true);
      j["logging"] = l;
    }
    put_str("log_driver");
    put_map("log_opt", true);
    put_bytes("mem_limit");
    put_bytes("mem_reservation");
    put_bytes("memswap_limit", true);
    put_bytes("mem_swappiness", true);
    put_str("mac_address");
    put_raw("models");
    put_str("net");
    put_str("network_mode");
    if (auto* v = get("networks")) {
      auto n = service_networks(*v, p("networks"));
      if (!n.empty()) j["networks"] = n;
    }
    put_bool("oom_kill_disable", false);
    put_int("oom_score_adj", -1000, 1000);
    put_str("pid");
    put_int("pids_limit");
    put_str("platform");
    if (auto* v = get("ports")) {
      json ps = json::array();
      ports(*v, p("ports"), ps);
      if (!ps.empty()) j["ports"] = ps;
    }
    put_bool("privileged", false);
    put_str("pull_policy");
    put_bool("read_only", false);
    if (auto* v = get("restart")) {
      const std::string policy = str(*v, p("restart"));
      if (const auto problem = restart_problem(policy); !problem.empty()) fail(*v, p("restart"), problem);
      if (!policy.empty()) j["restart"] = policy;
    }
    put_str("runtime");
    if (auto* v = get("scale")) j["scale"] = parse_int_in(*v, p("scale"), 0, int_max);
    if (auto* v = get("secrets")) {
      auto refs = file_refs(*v, p("secrets"));
      if (!refs.empty()) j["secrets"] = refs;
    }
    put_list("security_opt", false);
    put_bytes("shm_size");
    put_bool("stdin_open", false);
    if (auto* v = get("stop_grace_period")) {
      const auto d = duration_of(*v, p("stop_grace_period"));
      if (d > std::chrono::seconds(int_max))  // the engine's stop timeout is an int of seconds
        fail(*v, p("stop_grace_period"), "must be at most 2147483647s");
      j["stop_grace_period"] = format_duration(d);
    }
    put_str("stop_signal");
    put_map("storage_opt", true);
    put_map("sysctls", true);
    put_list("tmpfs", true);
    put_bool("tty", false);
    if (auto* v = get("ulimits")) j["ulimits"] = ulimits(*v, p("ulimits"));
    put_bool("use_api_socket", false);
    put_str("user");
    put_str("userns_mode");
    put_str("uts");
    put_str("volume_driver");
    if (auto* v = get("volumes")) {
      auto m = mounts(name, *v, p("volumes"));
      if (!m.empty()) j["volumes"] = m;
    }
    put_list("volumes_from", false);
    put_str("working_dir");
    if (auto* v = get("post_start")) j["post_start"] = hooks(*v, p("post_start"));
    if (auto* v = get("pre_stop")) j["pre_stop"] = hooks(*v, p("pre_stop"));
    add_extensions(j, t);

    if (!j.contains("image") && !j.contains("build") && !j.contains("provider") && ctx.options->consistency)
      fail(t, path,
           fmt::format("service \"{}\" has neither an image nor a build context specified: invalid compose project",
                       name));
    if (j.contains("scale") && j.contains("deploy") && j["deploy"].contains("replicas") &&
        j["scale"] != j["deploy"]["replicas"])
      fail(t, path, "can't set distinct values on 'scale' and 'deploy.replicas': invalid compose project");
    return j;
  }

  json resource_object(const std::string& kind, const std::string& key, const tree& t, const std::string& path) {
    json j = json::object();
    if (t.is_null() && !ctx.options->normalize) {
      if (kind == "network") j["ipam"] = json_only_empty_object();
      return j;
    }
    if (!t.is_map() && !t.is_null()) fail(t, path, "must be a mapping");
    std::string name = t.find("name") ? str(*t.find("name"), child_path(path, "name")) : "";
    bool external = false;
    if (auto* e = t.find("external")) {
      if (e->is_map()) {  // legacy `external: {name: x}`
        external = true;
        if (auto* n = e->find("name")) name = str(*n, child_path(path, "external.name"));
      } else {
        external = parse_bool(*e, child_path(path, "external"), &ctx.warnings);
      }
    }
    if (name.empty() && ctx.options->normalize) name = external ? key : ctx.project_name + "_" + key;
    if (!name.empty()) j["name"] = name;
    if (kind == "network" || kind == "volume") {
      if (auto* v = t.find("driver")) j["driver"] = str(*v, child_path(path, "driver"));
      if (auto* v = t.find("driver_opts"))
        j["driver_opts"] = string_map_json(mapping_or_list(*v, child_path(path, "driver_opts")), true);
    }
    if (kind == "network") {
      if (auto* v = t.find("ipam")) {
        const std::string ip = child_path(path, "ipam");
        json ipam = json::object();
        if (auto* d = v->find("driver")) ipam["driver"] = str(*d, child_path(ip, "driver"));
        if (!v->is_map()) fail(*v, ip, "must be a mapping");
        if (auto* c = v->find("config")) {
          if (!c->is_seq()) fail(*c, child_path(ip, "config"), "must be a list");
          json pools = json::array();
          for (size_t i = 0; c->is_seq() && i < c->seq.size(); ++i) {
            const tree& pool = c->seq[i];
            const std::string pp = index_path(child_path(ip, "config"), i);
            json pj = json::object();
            for (const char* f : {"subnet", "gateway", "ip_range"})
              if (auto* x = pool.find(f)) pj[f] = str(*x, child_path(pp, f));
            if (auto* x = pool.find("aux_addresses"))
              pj["aux_addresses"] = string_map_json(mapping_or_list(*x, child_path(pp, "aux_addresses")), true);
            pools.push_back(std::move(pj));
          }
          ipam["config"] = pools;
        }
        if (auto* o = v->find("options"))
          ipam["options"] = string_map_json(mapping_or_list(*o, child_path(ip, "options")), true);
        j["ipam"] = ipam;
      } else {
        j["ipam"] = json_only_empty_object();  // a Go struct value: JSON always shows it
      }
      if (external) j["external"] = true;
      for (const char* f : {"internal", "attachable"})
        if (auto* v = t.find(f); v && parse_bool(*v, child_path(path, f), &ctx.warnings)) j[f] = true;
      if (auto* v = t.find("labels"))
        j["labels"] = string_map_json(mapping_or_list(*v, child_path(path, "labels")), true);
      for (const char* f : {"enable_ipv4", "enable_ipv6"})
        if (auto* v = t.find(f)) j[f] = parse_bool(*v, child_path(path, f), &ctx.warnings);
    } else if (kind == "volume") {
      if (external) j["external"] = true;
      if (auto* v = t.find("labels"))
        j["labels"] = string_map_json(mapping_or_list(*v, child_path(path, "labels")), true);
    } else {  // secret / config
      if (auto* v = t.find("content")) j["content"] = str(*v, child_path(path, "content"));
      if (auto* v = t.find("environment")) j["environment"] = str(*v, child_path(path, "environment"));
      if (auto* v = t.find("file")) j["file"] = host_path(str(*v, child_path(path, "file")));
      if (external) j["external"] = true;
      if (auto* v = t.find("labels"))
        j["labels"] = string_map_json(mapping_or_list(*v, child_path(path, "labels")), true);
      for (const char* f : {"driver"})
        if (auto* v = t.find(f)) j[f] = str(*v, child_path(path, f));
      if (auto* v = t.find("driver_opts"))
        j["driver_opts"] = string_map_json(mapping_or_list(*v, child_path(path, "driver_opts")), true);
      if (auto* v = t.find("template_driver")) j["template_driver"] = str(*v, child_path(path, "template_driver"));
    }
    add_extensions(j, t);
    return j;
  }
};

// The node of `key` in a service, or the service itself when the value came from elsewhere.
const tree& node_or(const tree& service, const char* key) {
  const tree* t = service.find(key);
  return t ? *t : service;
}

bool service_enabled(const json& svc, const std::set<std::string>& active) {
  if (!svc.contains("profiles")) return true;
  if (active.count("*")) return true;
  for (const auto& p : svc["profiles"])
    if (active.count(p.get<std::string>())) return true;
  return false;
}

}  // namespace

json scalar_value(const tree& t) {
  switch (resolve_scalar(t)) {
    case scalar_type::null: return nullptr;
    case scalar_type::boolean: return t.text == "true" || t.text == "True" || t.text == "TRUE";
    case scalar_type::integer: {
      try {
        return parse_int(t, "");
      } catch (...) {
        return t.text;
      }
    }
    case scalar_type::floating: {
      try {
        return std::stod(t.text);
      } catch (...) {
        return t.text;
      }
    }
    case scalar_type::string: return t.text;
  }
  return t.text;
}

json canonicalize(const tree& root, canonical_context& ctx) {
  loader_state st(ctx, root);
  const load_options& opt = *ctx.options;
  json services = json::object();
  std::map<std::string, json> sorted_services;
  std::map<std::string, const tree*> service_tree;
  if (auto* s = root.find("services")) {
    if (!s->is_map() && !s->is_null()) fail(*s, "services", "must be a mapping");
    for (const auto& [name, t] : s->map) {
      sorted_services[name] = st.service(name, t, "services." + name);
      service_tree[name] = &t;
    }
  }

  // Profiles: services named on the command line bring their profiles along.
  std::set<std::string> active = ctx.active_profiles;
  for (const auto& name : opt.enabled_services) {
    auto it = sorted_services.find(name);
    if (it == sorted_services.end()) throw model_error(fmt::format("no such service: {}", name));
    if (it->second.contains("profiles"))
      for (const auto& p : it->second["profiles"]) active.insert(p.get<std::string>());
  }
  ctx.active_profiles = active;
  std::map<std::string, json> disabled;
  for (auto it = sorted_services.begin(); it != sorted_services.end();) {
    if (service_enabled(it->second, active)) {
      ++it;
    } else {
      disabled.insert(*it);
      it = sorted_services.erase(it);
    }
  }

  // Implicit dependencies (compose's normalisation): `service:x` namespaces, links, volumes_from.
  if (opt.normalize) {
    for (auto& [name, svc] : sorted_services) {
      std::vector<std::pair<std::string, bool>> implicit;  // service, restart
      for (const char* f : {"network_mode", "ipc", "pid", "uts", "cgroup"})
        if (svc.contains(f) && starts_with(svc[f].get<std::string>(), "service:"))
          implicit.emplace_back(svc[f].get<std::string>().substr(8), true);
      if (svc.contains("links"))
        for (auto& l : svc["links"]) {
          const std::string s = l.get<std::string>();
          implicit.emplace_back(s.substr(0, s.find(':')), false);
        }
      if (svc.contains("volumes_from"))
        for (auto& v : svc["volumes_from"]) {
          const std::string s = v.get<std::string>();
          if (!starts_with(s, "container:")) implicit.emplace_back(s.substr(0, s.find(':')), false);
        }
      if (implicit.empty()) continue;
      std::map<std::string, json> deps;
      if (svc.contains("depends_on"))
        for (auto& [k, v] : svc["depends_on"].items()) deps[k] = v;
      for (auto& [dep, restart] : implicit) {
        if (deps.count(dep)) continue;
        json d = json::object();
        d["condition"] = "service_started";
        if (restart) d["restart"] = true;
        d["required"] = true;
        deps[dep] = d;
      }
      json sorted = json::object();
      for (auto& [k, v] : deps) sorted[k] = v;
      if (svc.contains("depends_on")) {
        svc["depends_on"] = sorted;
      } else {
        // depends_on sits after container_name/credential_spec in struct order
        json rebuilt = json::object();
        bool inserted = false;
        static const std::set<std::string> before = {
            "profiles",   "annotations", "attach",        "build",          "develop",        "blkio_config",
            "cap_add",    "cap_drop",    "cgroup_parent", "cgroup",         "cpu_count",      "cpu_percent",
            "cpu_period", "cpu_quota",   "cpu_rt_period", "cpu_rt_runtime", "cpus",           "cpuset",
            "cpu_shares", "command",     "configs",       "container_name", "credential_spec"};
        for (auto& [k, v] : svc.items()) {
          if (!inserted && !before.count(k)) {
            rebuilt["depends_on"] = sorted;
            inserted = true;
          }
          rebuilt[k] = v;
        }
        if (!inserted) rebuilt["depends_on"] = sorted;
        svc = std::move(rebuilt);
      }
    }
  }

  const tree* top_networks = root.find("networks");
  const tree* top_secrets = root.find("secrets");
  const tree* top_configs = root.find("configs");
  bool uses_default_network = false;
  for (auto& [name, svc] : sorted_services) {
    const tree& t = *service_tree[name];
    const std::string path = "services." + name;
    // depends_on on a disabled service: fine if not required (then dropped), else an error.
    if (svc.contains("depends_on")) {
      json kept = json::object();
      for (auto& [dep, d] : svc["depends_on"].items()) {
        if (disabled.count(dep)) {
          if (!d["required"].get<bool>()) continue;
          std::string profiles;
          for (auto& p : disabled[dep]["profiles"]) profiles += (profiles.empty() ? "" : " ") + p.get<std::string>();
          fail(node_or(t, "depends_on"), path + ".depends_on",
               fmt::format("service {} is required by {} but is disabled. Can be enabled by profiles [{}]", dep, name,
                           profiles));
        }
        if (opt.consistency && !sorted_services.count(dep))
          fail(node_or(t, "depends_on"), path + ".depends_on",
               fmt::format("service \"{}\" depends on undefined service \"{}\": invalid compose project", name, dep));
        kept[dep] = d;
      }
      if (kept.empty()) svc.erase("depends_on");
      else svc["depends_on"] = kept;
    }
    if (opt.consistency) {
      if (svc.contains("network_mode") && svc.contains("networks"))
        fail(
            node_or(t, "networks"), path + ".networks",
            fmt::format("service {} declares mutually exclusive `network_mode` and `networks`: invalid compose project",
                        name));
      const int replicas = svc.contains("scale") ? svc["scale"].get<int>()
                           : (svc.contains("deploy") && svc["deploy"].contains("replicas"))
                               ? svc["deploy"]["replicas"].get<int>()
                               : 1;
      if (svc.contains("container_name") && replicas > 1)
        fail(node_or(t, "container_name"), path + ".container_name",
             fmt::format("services.{}: can't set container_name and {} as container name must be unique: invalid "
                         "compose project",
                         name, name));
      if (svc.contains("networks"))
        for (auto& [net, _] : svc["networks"].items())
          if (net != "default" && (!top_networks || !top_networks->find(net)))
            fail(node_or(t, "networks"), path + ".networks",
                 fmt::format("service \"{}\" refers to undefined network {}: invalid compose project", name, net));
      for (const auto& [field, top, kind] :
           {std::tuple{"secrets", top_secrets, "secret"}, std::tuple{"configs", top_configs, "config"}})
        if (svc.contains(field))
          for (auto& ref : svc[field])
            if (!top || !top->find(ref["source"].get<std::string>()))
              fail(node_or(t, field), path + "." + field,
                   fmt::format("service \"{}\" refers to undefined {} {}: invalid compose project", name, kind,
                               ref["source"].get<std::string>()));
    }
    if (opt.normalize && !svc.contains("networks") && !svc.contains("network_mode")) {
      // networks go after net/network_mode in struct order: rebuild preserving order.
      json rebuilt = json::object();
      static const std::vector<std::string> after = {"oom_kill_disable",
                                                     "oom_score_adj",
                                                     "pid",
                                                     "pids_limit",
                                                     "platform",
                                                     "ports",
                                                     "privileged",
                                                     "pull_policy",
                                                     "read_only",
                                                     "restart",
                                                     "runtime",
                                                     "scale",
                                                     "secrets",
                                                     "security_opt",
                                                     "shm_size",
                                                     "stdin_open",
                                                     "stop_grace_period",
                                                     "stop_signal",
                                                     "storage_opt",
                                                     "sysctls",
                                                     "tmpfs",
                                                     "tty",
                                                     "ulimits",
                                                     "use_api_socket",
                                                     "user",
                                                     "userns_mode",
                                                     "uts",
                                                     "volume_driver",
                                                     "volumes",
                                                     "volumes_from",
                                                     "working_dir",
                                                     "post_start",
                                                     "pre_stop"};
      bool inserted = false;
      for (auto& [k, v] : svc.items()) {
        if (!inserted && (std::find(after.begin(), after.end(), k) != after.end() || starts_with(k, "x-"))) {
          rebuilt["networks"] = json{{"default", nullptr}};
          inserted = true;
        }
        rebuilt[k] = v;
      }
      if (!inserted) rebuilt["networks"] = json{{"default", nullptr}};
      svc = std::move(rebuilt);
    }
    if (svc.contains("networks") && svc["networks"].contains("default")) uses_default_network = true;
  }

  // Dependency cycles: a depth-first walk in name order reports the first cycle found.
  if (opt.consistency) {
    std::map<std::string, int> state;  // 0 new, 1 on stack, 2 done
    std::vector<std::string> stack;
    std::function<void(const std::string&)> visit = [&](const std::string& name) {
      state[name] = 1;
      stack.push_back(name);
      const json& svc = sorted_services[name];
      if (svc.contains("depends_on"))
        for (auto& [dep, _] : svc["depends_on"].items()) {
          if (state[dep] == 1) {
            auto from = std::find(stack.begin(), stack.end(), dep);
            std::string cycle;
            for (auto it = from; it != stack.end(); ++it) cycle += *it + " -> ";
            cycle += dep;
            const tree& t = *service_tree[name];
            fail(node_or(t, "depends_on"), "services." + name + ".depends_on", "dependency cycle detected: " + cycle);
          }
          if (state[dep] == 0) visit(dep);
        }
      stack.pop_back();
      state[name] = 2;
    };
    for (auto& [name, _] : sorted_services)
      if (state[name] == 0) visit(name);
  }

  // Which top-level resources are used (compose drops the others unless --all-resources).
  std::set<std::string> used_networks, used_volumes, used_secrets, used_configs;
  for (auto& [name, svc] : sorted_services) {
    if (svc.contains("networks"))
      for (auto& [n, _] : svc["networks"].items()) used_networks.insert(n);
    if (svc.contains("volumes"))
      for (auto& m : svc["volumes"])
        if (m["type"] == "volume" && m.contains("source")) used_volumes.insert(m["source"].get<std::string>());
    if (svc.contains("secrets"))
      for (auto& r : svc["secrets"]) used_secrets.insert(r["source"].get<std::string>());
    if (svc.contains("build") && svc["build"].contains("secrets"))
      for (auto& r : svc["build"]["secrets"]) used_secrets.insert(r["source"].get<std::string>());
    if (svc.contains("configs"))
      for (auto& r : svc["configs"]) used_configs.insert(r["source"].get<std::string>());
  }

  auto section = [&](const char* key, const char* kind, const std::set<std::string>& used) {
    json out = json::object();
    const tree* t = root.find(key);
    if (!t || t->is_null()) return out;
    if (!t->is_map()) fail(*t, key, "must be a mapping");
    std::map<std::string, json> sorted;
    for (const auto& [k, v] : t->map) {
      if (starts_with(k, "x-")) continue;
      if (!opt.all_resources && !used.count(k)) continue;
      sorted[k] = st.resource_object(kind, k, v, std::string(key) + "." + k);
    }
    for (auto& [k, v] : sorted) out[k] = v;
    return out;
  };

  json doc = json::object();
  doc["name"] = ctx.project_name;
  services.get_ref<json::object_t&>().reserve(sorted_services.size());
  for (auto& [name, svc] : sorted_services) services[name] = std::move(svc);
  if (!services.empty()) doc["services"] = services;
  json networks = section("networks", "network", used_networks);
  if (opt.normalize && uses_default_network && !networks.contains("default")) {
    json sorted = json::object();
    json def = json::object();
    def["name"] = ctx.project_name + "_default";
    def["ipam"] = json_only_empty_object();
    std::map<std::string, json> all;
    for (auto& [k, v] : networks.items()) all[k] = v;
    all["default"] = def;
    for (auto& [k, v] : all) sorted[k] = v;
    networks = sorted;
  }
  if (!networks.empty()) doc["networks"] = networks;
  json volumes = section("volumes", "volume", used_volumes);
  if (!volumes.empty()) doc["volumes"] = volumes;
  json secrets = section("secrets", "secret", used_secrets);
  if (!secrets.empty()) doc["secrets"] = secrets;
  json configs = section("configs", "config", used_configs);
  if (!configs.empty()) doc["configs"] = configs;
  if (auto* m = root.find("models")) doc["models"] = sorted_raw_map(*m);
  add_extensions(doc, root);

  // The services the profiles disable are no part of the document; the typed project keeps them.
  for (auto& [k, v] : disabled) ctx.disabled_services[k] = std::move(v);
  return doc;
}

json raw_model(const tree& root, canonical_context& ctx) {
  loader_state st(ctx, root);
  json doc = raw(root, true);
  doc["name"] = ctx.project_name;
  bool uses_default = false;
  if (doc.contains("services") && doc["services"].is_object()) {
    for (auto& [name, svc] : doc["services"].items()) {
      if (!svc.is_object()) continue;
      if (svc.contains("build")) {
        if (svc["build"].is_string()) svc["build"] = json{{"context", svc["build"]}};
        auto& b = svc["build"];
        if (!b.contains("context")) b["context"] = ".";
        if (b["context"].is_string()) b["context"] = st.relative_path(b["context"].get<std::string>());
        if (!b.contains("dockerfile") && !b.contains("dockerfile_inline")) b["dockerfile"] = "Dockerfile";
      }
      if (!svc.contains("networks") && !svc.contains("network_mode") && ctx.options->normalize) {
        svc["networks"] = json{{"default", nullptr}};
        uses_default = true;
      }
      svc.erase("env_file");
      svc.erase("label_file");
      json sorted = json::object();
      std::map<std::string, json> keys;
      for (auto& [k, v] : svc.items()) keys[k] = v;
      for (auto& [k, v] : keys) sorted[k] = v;
      svc = sorted;
    }
  }
  if (uses_default && !(doc.contains("networks") && doc["networks"].is_object() && doc["networks"].contains("default")))
    doc["networks"]["default"] = json{{"name", ctx.project_name + "_default"}};
  json sorted = json::object();
  std::map<std::string, json> keys;
  for (auto& [k, v] : doc.items()) keys[k] = v;
  for (auto& [k, v] : keys) sorted[k] = v;
  if (sorted.contains("networks")) {
    std::map<std::string, json> nk;
    for (auto& [k, v] : sorted["networks"].items()) nk[k] = v;
    json n = json::object();
    for (auto& [k, v] : nk) n[k] = v;
    sorted["networks"] = n;
  }
  sorted.erase("version");
  return sorted;
}

}  // namespace stackctl::model::detail
