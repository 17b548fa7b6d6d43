#include "stackctl/model/loader.hpp"

#include <algorithm>
#include <filesystem>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "canonical.hpp"
#include "go_format.hpp"
#include "input_guard.hpp"
#include "merge.hpp"
#include "stackctl/model/dotenv.hpp"
#include "stackctl/model/interpolation.hpp"
#include "stackctl/model/model_error.hpp"
#include "stackctl/model/project_name.hpp"
#include "stackctl/model/text.hpp"
#include "typed_project.hpp"
#include "yaml_tree.hpp"

namespace stackctl::model {

namespace fs = std::filesystem;
using detail::json;
using detail::tree;

namespace {

std::string read_file(const fs::path& p) {
  auto content = detail::read_input_file(p);
  if (!content) throw model_error(fmt::format("open {}: no such file or directory", p.string()));
  return std::move(*content);
}

fs::path absolute_from(const fs::path& base, const fs::path& p) {
  return (p.is_absolute() ? p : base / p).lexically_normal();
}

// COMPOSE_DISABLE_ENV_FILE as compose reads it (strconv.ParseBool): unset → false; not a boolean → an error.
bool env_file_disabled(const std::map<std::string, std::string, std::less<>>& env) {
  const auto it = env.find("COMPOSE_DISABLE_ENV_FILE");
  if (it == env.end()) return false;
  if (const auto b = text::parse_bool(it->second)) return *b;
  throw model_error(
      fmt::format("COMPOSE_DISABLE_ENV_FILE=\"{}\": not a boolean (1, t, true, 0, f, false)", it->second));
}

// Interpolates every string value (never a key) of one file's tree.
void interpolate_tree(tree& t, const variable_lookup& lookup, const std::string& path,
                      std::vector<std::string>& warnings) {
  if (t.is_scalar()) {
    if (t.text.find('$') == std::string::npos) return;
    try {
      auto r = interpolate(t.text, lookup);
      for (const auto& v : r.unset_variables)
        warnings.push_back(fmt::format("The \"{}\" variable is not set. Defaulting to a blank string.", v));
      if (const auto bad = detail::find_invalid_utf8(r.value))  // a variable's bytes from the process
        throw model_error("the value is not UTF-8 after interpolation: " + bad->reason, t.where, path);
      t.text = std::move(r.value);
      t.is_string = true;
    } catch (const model_error&) {
      throw;
    } catch (const std::exception& e) {
      throw model_error(e.what(), t.where, path);
    }
    return;
  }
  if (t.is_seq()) {
    for (size_t i = 0; i < t.seq.size(); ++i) interpolate_tree(t.seq[i], lookup, text::index_path(path, i), warnings);
  } else if (t.is_map()) {
    for (auto& [k, v] : t.map) interpolate_tree(v, lookup, text::child_path(path, k), warnings);
  }
}

struct compose_file {
  std::string name;  // absolute path, or "-"
  std::string content;
};

}  // namespace

project load(const load_options& options) {
  const fs::path cwd = options.current_directory.empty() ? fs::path("/") : options.current_directory;
  std::map<std::string, std::string, std::less<>> env(options.environment.begin(), options.environment.end());
  std::vector<std::string> warnings;

  // 1. Working directory: --project-directory, else the first -f file's directory, else the cwd.
  fs::path workdir;
  if (options.project_directory) workdir = absolute_from(cwd, *options.project_directory);
  else if (!options.files.empty() && options.files.front() != "-")
    workdir = absolute_from(cwd, options.files.front()).parent_path();
  else workdir = cwd;

  // 2. Environment: env files add what the shell does not set (the shell wins).
  auto load_env_files = [&](const fs::path& dir) {
    std::vector<fs::path> files;
    std::vector<std::string> named = options.env_files;
    if (named.empty()) {
      if (auto it = env.find("COMPOSE_ENV_FILES"); it != env.end() && !it->second.empty())
        for (auto& f : text::split(it->second, ',')) named.push_back(f);
    }
    if (!named.empty()) {
      for (auto& f : named) {
        fs::path p = absolute_from(cwd, f);
        std::error_code ec;
        if (!fs::exists(p, ec)) throw model_error(fmt::format("couldn't find env file: {}", p.string()));
        files.push_back(p);
      }
    } else {
      if (env_file_disabled(env)) return;
      std::error_code ec;
      fs::path dotenv = dir / ".env";
      if (fs::is_regular_file(dotenv, ec)) files.push_back(dotenv);
    }
    if (files.empty()) return;
    auto values = read_env_files(files, lookup_in(env));
    for (auto& [k, v] : values)
      if (!env.count(k)) env.emplace(k, v);
  };
  load_env_files(workdir);

  // 3. Compose files: -f, else COMPOSE_FILE, else discovery upwards from the working directory.
  std::vector<compose_file> files;
  auto add_file = [&](const std::string& f) {
    if (f == "-") {
      files.push_back({"-", options.stdin_content});
      return;
    }
    fs::path p = absolute_from(cwd, f);
    std::error_code ec;
    if (!fs::exists(p, ec)) throw model_error(fmt::format("open {}: no such file or directory", p.string()));
    // compose refuses a directory; read as a file it would be an empty project named after its parent
    if (fs::is_directory(p, ec)) throw model_error(fmt::format("{}: is a directory, not a compose file", p.string()));
    files.push_back({p.string(), read_file(p)});
  };
  if (!options.files.empty()) {
    for (auto& f : options.files) add_file(f);
  } else if (auto it = env.find("COMPOSE_FILE"); it != env.end() && !it->second.empty()) {
    std::string sep = ":";
    if (auto s = env.find("COMPOSE_PATH_SEPARATOR"); s != env.end() && !s->second.empty()) sep = s->second;
    for (auto& f : text::split_non_empty(it->second, sep[0])) add_file(f);
    if (!options.project_directory && !files.empty() && files.front().name != "-") {
      const fs::path first_dir = fs::path(files.front().name).parent_path();
      if (first_dir != workdir) {
        workdir = first_dir;
        load_env_files(workdir);  // the project directory's own .env adds what is still unset
      }
    }
  } else {
    static const char* names[] = {"compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml"};
    static const char* overrides[] = {"compose.override.yml", "compose.override.yaml", "docker-compose.override.yml",
                                      "docker-compose.override.yaml"};
    fs::path dir = workdir;
    bool found = false;
    while (!found) {
      std::vector<fs::path> hits;
      for (auto* n : names) {
        std::error_code ec;
        if (fs::is_regular_file(dir / n, ec)) hits.push_back(dir / n);
      }
      if (!hits.empty()) {
        if (hits.size() > 1)
          warnings.push_back(fmt::format(
              "Found multiple config files with supported names: {}\nUsing {}",
              [&] {
                std::string s;
                for (auto& h : hits) s += (s.empty() ? "" : ", ") + h.string();
                return s;
              }(),
              hits.front().string()));
        add_file(hits.front().string());
        for (auto* n : overrides) {
          std::error_code ec;
          if (fs::is_regular_file(dir / n, ec)) {
            add_file((dir / n).string());
            break;
          }
        }
        found = true;
        if (!options.project_directory && dir != workdir) {
          workdir = dir;
          load_env_files(workdir);  // a .env beside a compose file found in a parent directory counts
        }
        break;
      }
      if (dir == dir.parent_path() || dir.empty()) break;
      dir = dir.parent_path();
    }
    if (!found) throw no_config_file();
  }

  // 4. Parse every file; decide the project name before interpolating the bodies.
  std::vector<tree> trees;
  trees.reserve(files.size());
  for (auto& f : files) trees.push_back(detail::parse_yaml(f.content, f.name));

  const auto lookup = lookup_in(env);
  std::string name;
  if (options.project_name && !options.project_name->empty()) {
    validate_project_name(*options.project_name);
    name = *options.project_name;
  } else if (auto it = env.find("COMPOSE_PROJECT_NAME"); it != env.end() && !it->second.empty()) {
    validate_project_name(it->second);
    name = it->second;
  } else {
    for (auto& t : trees)
      if (auto* n = t.find("name")) {
        tree copy = *n;
        if (options.interpolate) interpolate_tree(copy, lookup, "name", warnings);
        if (copy.is_scalar() && !copy.text.empty()) name = normalize_project_name(copy.text);
      }
    if (name.empty()) name = normalize_project_name(workdir.filename().string());
    if (name.empty()) throw model_error("project name must not be empty");
  }
  env["COMPOSE_PROJECT_NAME"] = name;
  const auto body_lookup = lookup_in(env);

  // 5. Per file: interpolate, then merge into the accumulated model.
  tree merged;
  merged.k = tree::kind::mapping;
  for (size_t i = 0; i < trees.size(); ++i) {
    if (options.interpolate) interpolate_tree(trees[i], body_lookup, "", warnings);
    if (i == 0) {
      detail::strip_tags(trees[0]);
      merged = std::move(trees[0]);
    } else {
      detail::merge_documents(merged, std::move(trees[i]));
    }
  }
  if (merged.find("version")) {
    warnings.push_back(
        "the attribute `version` is obsolete, it will be ignored, please remove it to avoid potential confusion");
    merged.erase("version");
  }
  for (const auto& [k, v] : merged.map) {
    static const std::set<std::string> top = {"name",    "services", "networks", "volumes",
                                              "secrets", "configs",  "models",   "include"};
    if (!top.count(k) && k.rfind("x-", 0) != 0)
      throw model_error(fmt::format("additional properties '{}' not allowed", k), v.where, k);
    if (k == "include") throw model_error("include is not supported yet", v.where, k);
  }

  // 6. Profiles: --profile, else COMPOSE_PROFILES.
  detail::canonical_context ctx;
  ctx.options = &options;
  ctx.project_name = name;
  ctx.working_dir = workdir.string();
  ctx.environment = env;
  std::vector<std::string> profiles = options.profiles;
  if (profiles.empty())
    if (auto it = env.find("COMPOSE_PROFILES"); it != env.end())
      for (auto& p : text::split(it->second, ','))
        if (const auto profile = text::trim(p); !profile.empty()) profiles.emplace_back(profile);
  ctx.active_profiles.insert(profiles.begin(), profiles.end());

  project result;
  result.name = name;
  result.working_dir = workdir;
  for (auto& f : files) result.compose_files.push_back(f.name);
  result.environment.insert(env.begin(), env.end());
  result.interpolated = options.interpolate;

  json doc;
  if (options.interpolate) {
    doc = detail::canonicalize(merged, ctx);
  } else {
    detail::canonical_context lenient = ctx;
    doc = detail::raw_model(merged, lenient);
  }
  result.active_profiles.assign(ctx.active_profiles.begin(), ctx.active_profiles.end());
  warnings.insert(warnings.end(), ctx.warnings.begin(), ctx.warnings.end());
  {  // one warning per unset variable, as compose logs it once
    std::set<std::string> seen;
    std::vector<std::string> unique;
    for (auto& w : warnings)
      if (seen.insert(w).second) unique.push_back(std::move(w));
    warnings = std::move(unique);
  }
  result.warnings = std::move(warnings);
  if (options.interpolate) detail::fill_typed(result, doc);
  result.canonical = std::make_shared<const json>(std::move(doc));
  return result;
}

}  // namespace stackctl::model
