// Values relative to the project: environment lookups, host paths, file modes and references, durations, byte sizes,
// cpus.
#include "canonical_loader.hpp"

namespace stackctl::model::detail::canon {

// A bare NAME in `environment` or build `args` takes its value from the project environment;
// bytes there that are not UTF-8 (from the process) are refused at the entry naming them.
std::optional<std::string> loader_state::environment_value(const std::string& name, const tree& t,
                                                           const std::string& path) const {
  const auto it = ctx.environment.find(name);
  if (it == ctx.environment.end()) return std::nullopt;
  if (const auto bad = find_invalid_utf8(it->second))
    fail(t, path, fmt::format("the value of {} in the environment is not UTF-8: {}", name, bad->reason));
  return it->second;
}

namespace {

// A Windows absolute path (drive letter and separator, or a UNC path), as compose-go's IsWindowsAbs.
bool is_windows_absolute(std::string_view p) {
  if (p.substr(0, 2) == "\\\\") return true;
  const bool letter = !p.empty() && ((p[0] >= 'a' && p[0] <= 'z') || (p[0] >= 'A' && p[0] <= 'Z'));
  return letter && p.size() >= 3 && p[1] == ':' && (p[2] == '\\' || p[2] == '/');
}

}  // namespace

// Host path: '~' expanded, made absolute against the project directory.
std::string loader_state::host_path(const std::string& p) const {
  std::string s = p;
  if (s == "~" || starts_with(s, "~/")) s = home() + s.substr(1);
  else if (starts_with(s, "~")) s = home() + "/" + s.substr(1);
  if (!resolve() || is_windows_absolute(s)) return s;  // C:\data or \\server\share: compose-go leaves it
  // An absolute path is kept as written, a trailing '/' too (compose-go maybeUnixPath); a relative
  // one is joined onto the project directory and cleaned (filepath.Join).
  if (s.empty() || s[0] == '/') return s;
  return clean_path(ctx.working_dir + "/" + s);
}

bool loader_state::is_remote_context(const std::string& s) const {
  return starts_with(s, "http://") || starts_with(s, "https://") || starts_with(s, "git://") ||
         starts_with(s, "git@") || starts_with(s, "github.com/") || s.find("://") != std::string::npos;
}

std::string loader_state::relative_path(const std::string& p) const {
  if (!resolve() || p.empty() || is_remote_context(p)) return p;
  if (p == "~" || starts_with(p, "~/")) return host_path(p);
  if (p[0] == '/') return clean_path(p);
  return clean_path(ctx.working_dir + "/" + p);
}

json loader_state::file_mode(const tree& t, const std::string& path) const {
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

json loader_state::file_refs(const tree& t, const std::string& path) const {
  return list_entries(t, path, [&](const tree& item, const std::string& p) {
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
    return j;
  });
}

std::chrono::nanoseconds loader_state::duration_of(const tree& t, const std::string& path) {
  const std::string s = str(t, path);
  auto d = parse_duration(s);
  if (!d) fail(t, path, fmt::format("invalid duration: \"{}\"", s));
  return *d;
}

// A byte size; -1 only where it means "unlimited" (memswap_limit, mem_swappiness).
json loader_state::bytes_value(const tree& t, const std::string& path, bool minus_one_allowed) const {
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
json loader_state::cpus_value(const tree& t, const std::string& path) const {
  const double v = parse_float(t, path);
  if (!std::isfinite(v)) fail(t, path, fmt::format("invalid number: {}", quoted_value(t)));
  if (std::fabs(v) > std::numeric_limits<float>::max())
    fail(t, path, fmt::format("invalid number: {}: value out of range", quoted_value(t)));
  if (v < 0) fail(t, path, "must be greater than or equal to 0");
  return json::parse(format_float32(v));
}

}  // namespace stackctl::model::detail::canon
