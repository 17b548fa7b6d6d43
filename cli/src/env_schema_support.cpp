#include "env_schema_support.hpp"

#include <stdexcept>
#include <string_view>
#include <system_error>

#include <fmt/format.h>

#include "project_loading.hpp"
#include "stackctl/model/model_error.hpp"
#include "stackctl/model/text.hpp"

namespace stackctl::cli {

namespace fs = std::filesystem;

namespace {

using model::text::split_non_empty;

std::string env_value(const std::map<std::string, std::string>& env, const char* key) {
  const auto it = env.find(key);
  return it == env.end() ? std::string() : it->second;
}

fs::path absolute_from(const fs::path& base, const fs::path& p) {
  return (p.is_absolute() ? p : base / p).lexically_normal();
}

// compose's discovery: the first of the standard names, in `dir` or the nearest parent that has one.
std::optional<fs::path> discover_compose_file(fs::path dir) {
  static const char* names[] = {"compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml"};
  for (;;) {
    for (const auto* n : names) {
      std::error_code ec;
      if (fs::is_regular_file(dir / n, ec)) return dir / n;
    }
    if (dir == dir.parent_path() || dir.empty()) return std::nullopt;
    dir = dir.parent_path();
  }
}

model::env_map to_env_map(const std::map<std::string, std::string>& env) { return {env.begin(), env.end()}; }

}  // namespace

fs::path project_location::dotenv_path() const { return env_files.empty() ? project_dir / ".env" : env_files.front(); }

project_location locate_project(const global_options& globals, const std::map<std::string, std::string>& process_env) {
  const fs::path cwd = fs::current_path();
  project_location where;
  std::vector<std::string> files = globals.files;
  if (files.empty()) {
    std::string sep = env_value(process_env, "COMPOSE_PATH_SEPARATOR");
    if (sep.empty()) sep = ":";
    files = split_non_empty(env_value(process_env, "COMPOSE_FILE"), sep[0]);
  }
  const fs::path start = globals.project_directory.empty() ? cwd : absolute_from(cwd, globals.project_directory);
  if (!files.empty()) {
    if (files.front() != "-") where.compose_file = absolute_from(cwd, files.front());
  } else {
    where.compose_file = discover_compose_file(start);
  }
  if (!globals.project_directory.empty()) where.project_dir = start;
  else if (where.compose_file) where.project_dir = where.compose_file->parent_path();
  else where.project_dir = cwd;

  std::vector<std::string> env_files = globals.env_files;
  if (env_files.empty()) env_files = split_non_empty(env_value(process_env, "COMPOSE_ENV_FILES"), ',');
  for (const auto& f : env_files) where.env_files.push_back(absolute_from(cwd, f));
  return where;
}

std::optional<fs::path> env_schema_file(const global_options& globals, const project_location& where) {
  if (!globals.env_schema.empty()) {
    const fs::path p = absolute_from(fs::current_path(), globals.env_schema);
    std::error_code ec;
    if (!fs::is_regular_file(p, ec)) throw model::model_error(fmt::format("env schema {}: no such file", p.string()));
    return p;
  }
  if (!where.compose_file) return std::nullopt;
  return model::find_env_schema(*where.compose_file);
}

model::dotenv_file read_env_files_for_schema(const project_location& where, const model::env_map& process_env) {
  if (where.env_files.empty()) {
    if (const auto it = process_env.find("COMPOSE_DISABLE_ENV_FILE");
        it != process_env.end() && model::text::parse_bool(it->second).value_or(false))
      return {};
    return model::read_dotenv_file(where.project_dir / ".env", process_env);
  }
  model::dotenv_file all;
  for (const auto& f : where.env_files) {
    std::error_code ec;
    if (!fs::exists(f, ec)) throw model::model_error(fmt::format("couldn't find env file: {}", f.string()));
    auto one = model::read_dotenv_file(f, process_env);
    all.file = one.file;  // STACKCTL_ENV_FILE: the last one read
    all.exists = all.exists || one.exists;
    all.entries.insert(all.entries.end(), one.entries.begin(), one.entries.end());
  }
  return all;
}

std::optional<schema_environment> derive_schema_environment(const global_options& globals,
                                                            const std::map<std::string, std::string>& process_env) {
  const auto where = locate_project(globals, process_env);
  const auto schema_file = env_schema_file(globals, where);
  if (!schema_file) return std::nullopt;
  schema_environment out{model::load_env_schema(*schema_file), {}, {}};
  const auto env = to_env_map(process_env);
  out.dotenv = read_env_files_for_schema(where, env);
  model::derive_inputs inputs;
  inputs.invocation_dir = fs::current_path();
  inputs.home = env_value(process_env, "HOME");
  inputs.uid = std::to_string(::getuid());
  inputs.gid = std::to_string(::getgid());
  out.derived = model::derive_environment(out.schema, out.dotenv, env, inputs);
  return out;
}

std::vector<model::host_path> apply_env_schema(const global_options& globals, model::load_options& o) {
  auto derived = derive_schema_environment(globals, o.environment);
  if (!derived) return {};
  o.environment.clear();
  o.environment.insert(derived->derived.environment.begin(), derived->derived.environment.end());
  // The env files are in the derived environment already, with the schema's precedence: load() must
  // not read them again (it would bring back, e.g., a routed name variable the schema removed).
  o.env_files.clear();
  o.environment.erase("COMPOSE_ENV_FILES");
  o.environment["COMPOSE_DISABLE_ENV_FILE"] = "1";
  return std::move(derived->derived.create_on_deploy);
}

}  // namespace stackctl::cli
