#pragma once
// The env schema: a declarative YAML file (env.schema.yaml beside the compose file) that lists a
// stack's variables in ordered sections — defaults, types, bounds, which are host paths resolved
// against the invocation directory, which are created on deploy, path-or-volume routing — and the
// values derived from them (project name, ...). docs/env-schema.md describes the format.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "stackctl/model/model_error.hpp"

namespace stackctl::model {

enum class env_var_type { string, int_, float_, bool_, enum_, url, csv, file_path, dir_path, mount_source };

// "string", "int", ... as written in the schema file.
const char* to_string(env_var_type type) noexcept;

// A mount_source variable whose value is a bare name (compose's path-vs-name rule): the variable
// becomes `source` (the external volume key the compose file declares) and `name_variable` the name.
struct env_volume_routing {
  std::string source;
  std::string name_variable;
};

struct env_var {
  std::string key;
  std::string default_value;
  std::vector<std::string> description;  // comment lines, each rendered "# <line>"
  env_var_type type = env_var_type::string;
  bool required = false;             // an empty value is an error
  bool use_default = false;          // an empty value means the default
  std::vector<std::string> choices;  // enum
  bool ignore_case = false;          // enum
  std::optional<double> min;         // int, float: inclusive bounds
  std::optional<double> max;
  std::vector<std::string> url_schemes;  // url: allowed schemes; empty = any
  // file_path / dir_path: made absolute against the invocation directory (`~` expanded); the
  // default when empty. mount_source values in path mode always are.
  bool resolve = false;
  // Created by deploy commands (never by others): a directory, or an empty file for file_path.
  bool create_on_deploy = false;
  std::optional<env_volume_routing> volume;  // mount_source only
  source_location where;                     // the entry in the schema file
};

struct env_section {
  std::string title;
  std::vector<std::string> description;
  std::vector<env_var> variables;
};

// A value computed after .env and the shell are merged, paths resolved and mounts routed; each
// entry sees the ones before it (and STACKCTL_ENV_FILE, STACKCTL_INVOCATION_DIR, STACKCTL_HOME,
// STACKCTL_UID, STACKCTL_GID).
struct env_derived {
  enum class when_kind { always, empty, unset };
  std::string key;
  std::string value;  // a compose interpolation template
  enum class filter_kind { none, slug } filter = filter_kind::none;
  std::size_t max_length = 0;          // slug: 0 = no limit
  std::string error;                   // slug: message when a non-blank input leaves nothing
  when_kind when = when_kind::always;  // always set / only when empty after trimming / only when unset
  bool exported = true;                // false: visible to later templates only
  bool omit_empty = false;             // an empty result leaves the variable alone
  source_location where;
};

// Named sets of values for `env init --preset NAME` (FlowMesh: `worker`).
struct env_preset {
  std::string name;
  std::string description;
  std::vector<std::pair<std::string, std::string>> values;  // declared keys, in file order
  source_location where;
};

struct env_schema {
  std::filesystem::path file;  // where it was loaded from (absolute); empty when built in code
  std::string name;
  std::string example_file;             // the example it renders, relative to the schema's directory
  bool dotenv_overrides_shell = false;  // compose: the shell wins
  std::vector<std::string> header;
  std::vector<env_section> sections;
  std::vector<env_derived> derived;
  std::vector<env_preset> presets;

  const env_var* find(std::string_view key) const;
  std::vector<const env_var*> variables() const;  // in file order

  // The preset's values as overrides for render_env_file_for_init. Throws model_error naming the
  // presets there are when `name` is not one of them.
  std::map<std::string, std::string, std::less<>> preset_values(std::string_view name) const;

  // The example file made absolute (beside the schema); empty when there is none.
  std::filesystem::path example_path() const;
};

// Reads and checks a schema file. Throws model_error{file, line, column, dotted path} for bad
// YAML, unknown fields, wrong types, duplicate keys, bad defaults, bad bounds, ...
env_schema load_env_schema(const std::filesystem::path& file);
env_schema parse_env_schema(const std::string& text, const std::string& file_name_for_errors);

// The schema that belongs to a compose file: for `compose.<variant>.yml` (or docker-compose.…)
// `env.schema.<variant>.yaml` beside it, else `env.schema.yaml` beside it; nullopt when neither exists.
std::optional<std::filesystem::path> find_env_schema(const std::filesystem::path& compose_file);

}  // namespace stackctl::model
