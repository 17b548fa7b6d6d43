#pragma once
// Internal to the canonical forms (canonical*.cpp): the value helpers every section uses and
// loader_state, the normaliser of one merged tree. Its member functions live in one file per
// section (values, ports, mounts, deploy, build, service links, env files, service, resources).
#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "go_format.hpp"
#include "input_guard.hpp"
#include "port_spec.hpp"
#include "restart_spec.hpp"
#include "stackctl/model/dotenv.hpp"
#include "stackctl/model/go_quote.hpp"
#include "stackctl/model/model_error.hpp"
#include "stackctl/model/text.hpp"
#include "stackctl/model/volume_spec.hpp"

#include "canonical.hpp"
#include "yaml_tree.hpp"

namespace stackctl::model::detail::canon {

namespace fs = std::filesystem;

[[noreturn]] void fail(const tree& t, const std::string& path, const std::string& message);

using text::child_path;
using text::index_path;

// A scalar for an error message: quoted (an empty value shows as ""), with the text it was
// interpolated from: `"" (from "${CPUS}")`.
std::string quoted_value(const tree& t);

std::int64_t parse_int(const tree& t, const std::string& path);

inline constexpr std::int64_t int_max = std::numeric_limits<int>::max();  // what the engine and the typed model hold
inline constexpr std::int64_t int_min = std::numeric_limits<int>::min();
inline constexpr std::int64_t uint32_max = std::numeric_limits<std::uint32_t>::max();
inline constexpr std::int64_t int64_max = std::numeric_limits<std::int64_t>::max();

// An integer field with the range the engine (or compose's schema) accepts, so nothing wraps later.
std::int64_t parse_int_in(const tree& t, const std::string& path, std::int64_t low, std::int64_t high);

double parse_float(const tree& t, const std::string& path);

bool parse_bool(const tree& t, const std::string& path, std::vector<std::string>* warnings);

std::string str(const tree& t, const std::string& path);

std::vector<std::string> string_list(const tree& t, const std::string& path, bool allow_scalar);

json to_json_list(const std::vector<std::string>& v);

// Splits a command string as compose does (shellwords: quotes, backslash escapes, no expansion).
std::vector<std::string> shell_split(const std::string& s, const tree& t, const std::string& path);

json shell_command(const tree& t, const std::string& path);

// Scalar text for a mapping value: numbers/bools as written; null → nullopt.
std::optional<std::string> map_value(const tree& t, const std::string& path);

// `KEY=VALUE` list or mapping → sorted key → value|null.
std::map<std::string, std::optional<std::string>> mapping_or_list(const tree& t, const std::string& path,
                                                                  char alt_sep = 0);

json string_map_json(const std::map<std::string, std::optional<std::string>>& m, bool null_as_empty);

// The tree as JSON, keys in file order or sorted, scalars resolved by the YAML core schema.
json raw(const tree& t, bool sort_keys);
inline json sorted_raw_map(const tree& t) { return raw(t, true); }

inline bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

std::string clean_path(const std::string& p);

// Appends the x-* extensions of a struct-like mapping, sorted, after its fields.
void add_extensions(json& j, const tree& t);

// The service fields compose knows, in compose-go's ServiceConfig order ("name" last).
const std::vector<std::string>& service_fields();

// A list field → a JSON array of `entry(item, dotted path of the item)`; null is an empty list.
template <typename Entry>
json list_entries(const tree& t, const std::string& path, Entry entry) {
  json out = json::array();
  if (t.is_null()) return out;
  if (!t.is_seq()) fail(t, path, "must be a list");
  for (size_t i = 0; i < t.seq.size(); ++i) out.push_back(entry(t.seq[i], index_path(path, i)));
  return out;
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
  std::optional<std::string> environment_value(const std::string& name, const tree& t, const std::string& path) const;

  // Host path: '~' expanded, made absolute against the project directory.
  std::string host_path(const std::string& p) const;

  bool is_remote_context(const std::string& s) const;

  // Build context etc.: made absolute against the project directory ("~" and "~/..." via host_path).
  std::string relative_path(const std::string& p) const;

  json file_mode(const tree& t, const std::string& path) const;

  json file_refs(const tree& t, const std::string& path) const;

  static std::chrono::nanoseconds duration_of(const tree& t, const std::string& path);

  json duration_value(const tree& t, const std::string& path) const { return format_duration(duration_of(t, path)); }

  // A byte size; -1 only where it means "unlimited" (memswap_limit, mem_swappiness).
  json bytes_value(const tree& t, const std::string& path, bool minus_one_allowed = false) const;

  // cpus, cpu_percent, max_failure_ratio: a float32 (NaN, infinities and larger numbers do not
  // render), not negative.
  json cpus_value(const tree& t, const std::string& path) const;

  // ports: short syntax "[ip:][published:]target[/proto]" with ranges; long syntax mapping.
  void ports(const tree& t, const std::string& path, json& out) const;

  void parse_short_port(const tree& item, const std::string& p, json& out) const;

  std::string volume_key_from(const std::string& source) const { return source; }

  // The engine's rule (a container path is absolute), checked where the mount is written.
  static void check_mount_target(const std::string& type, const std::string& target, const tree& t,
                                 const std::string& path);

  void check_volume_declared(const std::string& service, const std::string& source, const tree& item,
                             const std::string& p) const;

  json mounts(const std::string& service, const tree& t, const std::string& path) const;

  json healthcheck(const tree& t, const std::string& path) const;

  json resource(const tree& t, const std::string& path) const;

  json update_config(const tree& t, const std::string& path) const;

  json deploy(const tree& t, const std::string& path) const;

  json build(const tree& t, const std::string& path) const;

  json hosts(const tree& t, const std::string& path) const;

  json ulimits(const tree& t, const std::string& path) const;

  json service_networks(const tree& t, const std::string& path) const;

  json depends_on(const tree& t, const std::string& path) const;

  json hooks(const tree& t, const std::string& path) const;

  // env_file entries → [{path, required, format}] with paths resolved.
  json env_files(const tree& t, const std::string& path) const;

  // Values of env files, in order (later files win), expanded with the project environment.
  std::map<std::string, std::string> read_service_env_files(const json& files, const tree& where,
                                                            const std::string& path) const;

  json service(const std::string& name, const tree& t, const std::string& path);

  json device_requests(const tree& t, const std::string& path) const;
  void check_external(const std::string& kind, const tree& t, const std::string& path) const;
  json resource_object(const std::string& kind, const std::string& key, const tree& t, const std::string& path);
};

}  // namespace stackctl::model::detail::canon
