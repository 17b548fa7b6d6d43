#include "env_schema_support.hpp"

#include <unistd.h>

#include <stdexcept>
#include <system_error>

#include <fmt/format.h>

#include "project_loading.hpp"
#include "stackctl/model/model_error.hpp"

namespace stackctl::cli {

namespace fs = std::filesystem;

model::project_location locate_project(const global_options& globals, model::env_file_reading reading) {
  return model::locate_project(make_location_options(globals), reading);
}

std::optional<fs::path> first_compose_file(const model::project_location& where) {
  if (where.compose_files.empty() || where.compose_files.front() == "-") return std::nullopt;
  return fs::path(where.compose_files.front());
}

std::optional<fs::path> env_schema_file(const global_options& globals, const model::project_location& where) {
  if (!globals.env_schema.empty()) {
    const fs::path p = (where.working_directory / globals.env_schema).lexically_normal();
    std::error_code ec;
    if (!fs::is_regular_file(p, ec)) throw model::model_error(fmt::format("env schema {}: no such file", p.string()));
    return p;
  }
  const auto compose_file = first_compose_file(where);
  if (!compose_file) return std::nullopt;
  return model::find_env_schema(*compose_file);
}

model::dotenv_file read_env_files_for_schema(const model::project_location& where, const model::env_map& process_env) {
  if (!where.env_files_named) {
    if (where.default_env_file_disabled) return {};
    return model::read_dotenv_file(where.dotenv_path(), process_env);
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
                                                            const model::project_location& where,
                                                            const model::env_map& process_env) {
  const auto schema_file = env_schema_file(globals, where);
  if (!schema_file) return std::nullopt;
  schema_environment out{model::load_env_schema(*schema_file), {}, {}};
  out.dotenv = read_env_files_for_schema(where, process_env);
  model::derive_inputs inputs;
  inputs.invocation_dir = where.working_directory;
  if (const auto it = process_env.find("HOME"); it != process_env.end()) inputs.home = it->second;
  inputs.uid = std::to_string(::getuid());
  inputs.gid = std::to_string(::getgid());
  out.derived = model::derive_environment(out.schema, out.dotenv, process_env, inputs);
  return out;
}

model::project_location apply_env_schema(const global_options& globals, model::project_location where,
                                         const std::map<std::string, std::string>& process_env,
                                         std::vector<model::host_path>* create_on_deploy) {
  auto derived = derive_schema_environment(globals, where, model::env_map(process_env.begin(), process_env.end()));
  if (!derived) return where;
  if (create_on_deploy != nullptr) *create_on_deploy = std::move(derived->derived.create_on_deploy);
  return model::with_environment(std::move(where), std::move(derived->derived.environment));
}

}  // namespace stackctl::cli
