#pragma once
// The environment a stack is loaded with, derived once from .env, the process environment and the
// env schema — a pure function of its inputs, so deriving twice (or `down` then `up` in one process)
// always gives the same result and the operator's volume name can never be replaced by an alias.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "stackctl/model/dotenv.hpp"
#include "stackctl/model/env_schema.hpp"

namespace stackctl::model {

// A .env file as read: its entries in file order (the later of a repeated key wins).
struct dotenv_file {
  std::string file;  // the path as shown in errors (absolute); empty when there is no file
  bool exists = false;
  std::vector<dotenv_entry> entries;
};

// Reads `file` with compose's .env grammar; `${VAR}` in values sees `process_env`. A missing file
// gives {exists = false}. A malformed one throws model_error{file, line} (one line, e.g.
// "/srv/.env:3: line 3: unterminated quoted value ...").
dotenv_file read_dotenv_file(const std::filesystem::path& file, const env_map& process_env);

struct derive_inputs {
  std::filesystem::path invocation_dir;  // relative paths resolve against it (absolute)
  std::string home;                      // `~` expands to it
  std::string uid;                       // STACKCTL_UID / STACKCTL_GID for templates; may be empty
  std::string gid;
};

struct host_path {
  enum class kind_type { directory, file };
  std::string key;  // the variable it came from
  std::filesystem::path path;
  kind_type kind = kind_type::directory;
  friend bool operator==(const host_path&, const host_path&) = default;
};

struct derived_environment {
  env_map environment;                      // for load_options::environment
  std::vector<host_path> create_on_deploy;  // what deploy commands create (only they)
  friend bool operator==(const derived_environment&, const derived_environment&) = default;
};

// Without a schema: compose's rule — the shell wins over .env (which load() reads itself).
// With one: .env over the shell (or the reverse, per dotenv_overrides_shell), then schema defaults
// for unset keys (and empty use_default keys), path variables made absolute, mount_source values
// routed (a path → absolute bind source; a bare valid volume name → the declared external volume
// key + its name variable; anything else → model_error suggesting "./<value>"), then the derived
// values. Throws model_error naming the .env file and line of the offending entry.
derived_environment derive_environment(const env_schema& schema, const dotenv_file& dotenv, const env_map& process_env,
                                       const derive_inputs& inputs);

// `~`, `~/x` → home; relative → against `base`; lexically normalised, no trailing '/'.
// Throws std::invalid_argument for `~user`.
std::string resolve_host_path(std::string_view value, const std::filesystem::path& base, std::string_view home);

// The stack slug filter: lowercase, runs outside [a-z0-9_-] become '-', '-' runs collapse,
// '-' and '_' trimmed, leading non-alphanumerics dropped, cut to max_length (0 = no limit).
std::string slugify(std::string_view text, std::size_t max_length);

}  // namespace stackctl::model
