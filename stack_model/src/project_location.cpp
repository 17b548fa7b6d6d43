#include "stackctl/model/project_location.hpp"

#include <algorithm>
#include <system_error>

#include <fmt/format.h>

#include "stackctl/model/dotenv.hpp"
#include "stackctl/model/model_error.hpp"
#include "stackctl/model/project_name.hpp"
#include "stackctl/model/text.hpp"

namespace stackctl::model {

namespace fs = std::filesystem;

namespace {

using environment_map = std::map<std::string, std::string, std::less<>>;

// Absolute against `base`, normalised, without a trailing separator: "." and ".." normalise to
// "/a/b/", whose filename() is empty, and the project name is the directory's base name (compose-go
// cli/options.go makes the directory absolute before taking filepath.Base).
fs::path absolute_from(const fs::path& base, const fs::path& p) {
  fs::path out = (p.is_absolute() ? p : base / p).lexically_normal();
  if (out.has_relative_path() && !out.has_filename()) out = out.parent_path();
  return out;
}

// The caller's directory, absolute (a library caller may pass a relative one); none = "/".
fs::path caller_directory(const fs::path& dir) {
  if (dir.empty()) return "/";
  std::error_code ec;
  const fs::path abs = fs::absolute(dir, ec);
  return absolute_from("/", ec ? dir : abs);
}

std::string value_of(const environment_map& env, std::string_view key) {
  const auto it = env.find(key);
  return it == env.end() ? std::string() : it->second;
}

// COMPOSE_DISABLE_ENV_FILE as compose reads it (strconv.ParseBool): unset → false; not a boolean → an error.
bool env_file_disabled(const environment_map& env) {
  const auto it = env.find("COMPOSE_DISABLE_ENV_FILE");
  if (it == env.end()) return false;
  if (const auto b = text::parse_bool(it->second)) return *b;
  throw model_error(
      fmt::format("COMPOSE_DISABLE_ENV_FILE=\"{}\": not a boolean (1, t, true, 0, f, false)", it->second));
}

// -p, else COMPOSE_PROJECT_NAME, else the project directory's name (the loader may still take a `name:`).
void decide_name(project_location& where, const std::optional<std::string>& flag) {
  if (flag && !flag->empty()) {
    validate_project_name(*flag);
    where.project_name = *flag;
    where.name_source = project_name_source::flag;
  } else if (auto env = value_of(where.environment, "COMPOSE_PROJECT_NAME"); !env.empty()) {
    validate_project_name(env);
    where.project_name = std::move(env);
    where.name_source = project_name_source::environment;
  } else {
    where.project_name = normalize_project_name(where.project_directory.filename().string());
    where.name_source = project_name_source::directory;
  }
}

class locator {
 public:
  locator(const load_options& options, env_file_reading reading) : options_(options), reading_(reading) {
    where_.working_directory = caller_directory(options.current_directory);
    where_.environment.insert(options.environment.begin(), options.environment.end());
  }

  project_location run() {
    // 1. Project directory: --project-directory, else the first -f file's directory, else the cwd.
    const fs::path& cwd = where_.working_directory;
    if (options_.project_directory) where_.project_directory = absolute_from(cwd, *options_.project_directory);
    else if (!options_.files.empty() && options_.files.front() != "-")
      where_.project_directory = absolute_from(cwd, options_.files.front()).parent_path();
    else where_.project_directory = cwd;

    // 2. Env files add what the shell does not set (the shell wins); they may set COMPOSE_FILE.
    read_env_files_of(where_.project_directory);

    // 3. Compose files: -f, else COMPOSE_FILE, else discovery upwards from the project directory.
    if (!options_.files.empty()) {
      for (const auto& f : options_.files) add_file(f);
    } else if (const auto list = value_of(where_.environment, "COMPOSE_FILE"); !list.empty()) {
      const auto sep = value_of(where_.environment, "COMPOSE_PATH_SEPARATOR");
      for (const auto& f : text::split_non_empty(list, sep.empty() ? ':' : sep[0])) add_file(f);
      if (!where_.compose_files.empty() && where_.compose_files.front() != "-")
        move_to(fs::path(where_.compose_files.front()).parent_path());
    } else {
      discover();
    }

    // 4. The project name, as far as it is decided without reading the files.
    decide_name(where_, options_.project_name);
    return std::move(where_);
  }

 private:
  // A project directory found later (from COMPOSE_FILE or discovery in a parent) brings its own .env,
  // which adds what is still unset; --project-directory is never moved.
  void move_to(const fs::path& dir) {
    if (options_.project_directory || dir == where_.project_directory) return;
    where_.project_directory = dir;
    read_env_files_of(dir);
  }

  void read_env_files_of(const fs::path& dir) {
    std::vector<std::string> named = options_.env_files;
    if (named.empty())
      if (const auto list = value_of(where_.environment, "COMPOSE_ENV_FILES"); !list.empty())
        named = text::split(list, ',');
    std::vector<fs::path> files;
    if (!named.empty()) {
      where_.env_files_named = true;
      for (const auto& f : named) {
        fs::path p = absolute_from(where_.working_directory, f);
        std::error_code ec;
        if (reading_ == env_file_reading::read && !fs::exists(p, ec))
          throw model_error(fmt::format("couldn't find env file: {}", p.string()));
        files.push_back(std::move(p));
      }
    } else {
      if (env_file_disabled(where_.environment)) {
        where_.default_env_file_disabled = true;
        return;
      }
      std::error_code ec;
      if (fs::path dotenv = dir / ".env"; fs::is_regular_file(dotenv, ec)) files.push_back(std::move(dotenv));
    }
    for (const auto& f : files)
      if (std::find(where_.env_files.begin(), where_.env_files.end(), f) == where_.env_files.end())
        where_.env_files.push_back(f);
    if (files.empty() || reading_ == env_file_reading::skip) return;
    for (auto& [k, v] : read_env_files(files, lookup_in(where_.environment))) where_.environment.emplace(k, v);
  }

  void add_file(const std::string& f) {
    if (f == "-") {
      where_.compose_files.push_back(f);
      return;
    }
    const fs::path p = absolute_from(where_.working_directory, f);
    std::error_code ec;
    if (!fs::exists(p, ec)) throw model_error(fmt::format("open {}: no such file or directory", p.string()));
    // compose refuses a directory; read as a file it would be an empty project named after its parent
    if (fs::is_directory(p, ec)) throw model_error(fmt::format("{}: is a directory, not a compose file", p.string()));
    where_.compose_files.push_back(p.string());
  }

  void discover() {
    static const char* names[] = {"compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml"};
    static const char* overrides[] = {"compose.override.yml", "compose.override.yaml", "docker-compose.override.yml",
                                      "docker-compose.override.yaml"};
    for (fs::path dir = where_.project_directory;; dir = dir.parent_path()) {
      std::vector<std::string> hits;
      for (const auto* n : names) {
        std::error_code ec;
        if (fs::is_regular_file(dir / n, ec)) hits.push_back((dir / n).string());
      }
      if (!hits.empty()) {
        if (hits.size() > 1)
          where_.warnings.push_back(fmt::format("Found multiple config files with supported names: {}\nUsing {}",
                                                fmt::join(hits, ", "), hits.front()));
        add_file(hits.front());
        for (const auto* n : overrides) {
          std::error_code ec;
          if (fs::is_regular_file(dir / n, ec)) {
            add_file((dir / n).string());
            break;
          }
        }
        move_to(dir);
        return;
      }
      if (dir == dir.parent_path() || dir.empty()) return;
    }
  }

  const load_options& options_;
  env_file_reading reading_;
  project_location where_;
};

}  // namespace

fs::path project_location::dotenv_path() const {
  return env_files_named && !env_files.empty() ? env_files.front() : project_directory / ".env";
}

project_location locate_project(const load_options& options, env_file_reading reading) {
  return locator(options, reading).run();
}

project_location with_environment(project_location where, environment_map environment) {
  where.environment = std::move(environment);
  if (where.name_source != project_name_source::flag) decide_name(where, std::nullopt);
  return where;
}

}  // namespace stackctl::model
