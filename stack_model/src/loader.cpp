#include "stackctl/model/loader.hpp"

#include <algorithm>
#include <filesystem>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "canonical.hpp"
#include "compose_documents.hpp"
#include "merge.hpp"
#include "stackctl/model/interpolation.hpp"
#include "stackctl/model/model_error.hpp"
#include "stackctl/model/project_location.hpp"
#include "stackctl/model/project_name.hpp"
#include "stackctl/model/text.hpp"
#include "typed_project.hpp"
#include "yaml_tree.hpp"

namespace stackctl::model {

namespace fs = std::filesystem;
using detail::json;
using detail::tree;

namespace {

struct compose_file {
  std::string name;  // absolute path, or "-"
  std::string content;
};

}  // namespace

project load(const load_options& options) { return load(options, locate_project(options)); }

project load(const load_options& options, const project_location& where) {
  // 1-3. Directories, environment and files: decided by the location.
  if (where.compose_files.empty()) throw no_config_file();
  const fs::path& workdir = where.project_directory;
  std::map<std::string, std::string, std::less<>> env = where.environment;
  std::vector<std::string> warnings = where.warnings;
  std::vector<compose_file> files;
  files.reserve(where.compose_files.size());
  for (const auto& f : where.compose_files)
    files.push_back({f, f == "-" ? options.stdin_content : detail::read_compose_file(f)});

  // 4. Parse every file; decide the project name before interpolating the bodies.
  std::vector<std::vector<tree>> trees;  // per file, its documents
  trees.reserve(files.size());
  for (auto& f : files) trees.push_back(detail::parse_yaml_documents(f.content, f.name));

  const auto lookup = lookup_in(env);
  std::string name = where.project_name;
  if (where.name_source == project_name_source::directory) {  // a `name:` in the files comes before the directory's
    std::string from_files;
    for (auto& documents : trees)
      for (auto& t : documents)
        if (auto* n = t.find("name")) {
          tree copy = *n;
          if (options.interpolate) detail::interpolate_tree(copy, lookup, "name", warnings);
          if (copy.is_scalar() && !copy.text.empty()) from_files = normalize_project_name(copy.text);
        }
    if (!from_files.empty()) name = std::move(from_files);
    if (name.empty()) throw model_error("project name must not be empty");
  }
  env["COMPOSE_PROJECT_NAME"] = name;
  const auto body_lookup = lookup_in(env);

  // 5. Per file: interpolate, import its includes, resolve its extends, then merge into the accumulated model.
  const detail::include_scope scope{workdir, env, {}};
  detail::document_loading loading{options, warnings};
  detail::document_merge merged;
  for (size_t i = 0; i < trees.size(); ++i)
    for (tree& doc : trees[i]) {
      if (options.interpolate) detail::interpolate_tree(doc, body_lookup, "", warnings);
      detail::resolve_references(doc, files[i].name, scope, loading);
      merged.add(std::move(doc));
    }
  detail::check_document(merged.result(), warnings);
  if (merged.result().map.empty()) throw model_error("empty compose file", {files.front().name});

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
    doc = detail::canonicalize(merged.result(), ctx);
  } else {
    detail::canonical_context lenient = ctx;
    doc = detail::raw_model(merged.result(), lenient);
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
  if (options.interpolate) detail::fill_typed(result, doc, ctx.disabled_services);
  result.canonical = std::make_shared<const json>(std::move(doc));
  return result;
}

}  // namespace stackctl::model
