#include "include.hpp"

#include <algorithm>
#include <optional>
#include <system_error>

#include <fmt/format.h>

#include "merge.hpp"
#include "path_rebase.hpp"
#include "stackctl/model/interpolation.hpp"
#include "stackctl/model/model_error.hpp"
#include "stackctl/model/text.hpp"

namespace stackctl::model::detail {

namespace fs = std::filesystem;

namespace {

struct include_entry {
  std::vector<fs::path> files;  // absolute; the first is the project's main file
  std::optional<std::string> project_directory;
  std::vector<std::string> env_files;  // as written
  const tree* where = nullptr;
  std::string path;  // include[i]
};

std::vector<std::string> strings_of(const tree& t, const std::string& path) {
  if (t.is_scalar()) return {t.text};
  if (!t.is_seq()) throw model_error("must be a string or a list of strings", t.where, path);
  std::vector<std::string> out;
  for (size_t i = 0; i < t.seq.size(); ++i) {
    if (!t.seq[i].is_scalar()) throw model_error("must be a string", t.seq[i].where, text::index_path(path, i));
    out.push_back(t.seq[i].text);
  }
  return out;
}

fs::path absolute_in(const fs::path& dir, const std::string& p) {
  const fs::path path(p);
  return (path.is_absolute() ? path : dir / path).lexically_normal();
}

include_entry read_entry(const tree& item, const std::string& path, const fs::path& project_dir) {
  include_entry e;
  e.where = &item;
  e.path = path;
  std::vector<std::string> files;
  if (item.is_scalar()) {
    files = {item.text};
  } else if (item.is_map()) {
    for (const auto& [key, value] : item.map) {
      const std::string p = text::child_path(path, key);
      if (key == "path") files = strings_of(value, p);
      else if (key == "env_file") e.env_files = strings_of(value, p);
      else if (key == "project_directory" && value.is_scalar()) e.project_directory = value.text;
      else if (key == "project_directory") throw model_error("must be a string", value.where, p);
      else if (key.rfind("x-", 0) != 0)
        throw model_error(fmt::format("additional properties '{}' not allowed", key), value.where, p);
    }
  } else {
    throw model_error("must be a path or a mapping with `path`", item.where, path);
  }
  if (files.empty() || files.front().empty())
    throw model_error("an include needs a `path`", item.where, text::child_path(path, "path"));
  for (const auto& f : files) e.files.push_back(absolute_in(project_dir, f));
  return e;
}

std::string cycle_text(const std::vector<std::string>& chain, const std::string& again) {
  std::string out = "include cycle detected: " + chain.front();
  for (size_t i = 1; i < chain.size(); ++i) out += " includes " + chain[i];
  return out + " includes " + again;
}

// The included project's environment: the including one's, then its env files for what is unset.
env_map environment_of(const include_entry& e, const fs::path& included_dir, const include_scope& scope) {
  std::vector<fs::path> files;
  std::error_code ec;
  if (e.env_files.empty()) {
    if (fs::path dotenv = included_dir / ".env"; fs::is_regular_file(dotenv, ec)) files.push_back(std::move(dotenv));
  } else {
    for (const auto& f : e.env_files) {
      if (f == "/dev/null") continue;
      fs::path abs = absolute_in(scope.project_dir, f);
      if (!fs::exists(abs, ec))
        throw model_error(fmt::format("env file {} not found", abs.string()), e.where->where,
                          text::child_path(e.path, "env_file"));
      if (fs::is_directory(abs, ec))
        throw model_error(fmt::format("{} is not a file", abs.string()), e.where->where,
                          text::child_path(e.path, "env_file"));
      files.push_back(std::move(abs));
    }
  }
  env_map env = scope.environment;
  if (files.empty()) return env;
  for (auto& [k, v] : read_env_files(files, lookup_in(scope.environment))) env.emplace(k, std::move(v));
  return env;
}

tree scalar(std::string text, const source_location& where) {
  tree t;
  t.k = tree::kind::scalar;
  t.is_string = true;
  t.text = std::move(text);
  t.where = where;
  return t;
}

// What compose-go's loadYamlModel does to an included project before handing it back: the default
// build context (so that it becomes the included directory), bare `environment` names taken from
// the included environment, a config's `environment` read into its content.
void settle(tree& doc, const env_map& env) {
  if (tree* services = doc.find("services"); services && services->is_map())
    for (auto& [name, service] : services->map) {
      if (!service.is_map()) continue;
      if (tree* build = service.find("build"); build && build->is_map() && !build->find("context"))
        build->map.emplace_back("context", scalar(".", build->where));
      tree* environment = service.find("environment");
      if (!environment) continue;
      if (environment->is_seq()) {
        for (auto& item : environment->seq)
          if (item.is_scalar() && item.text.find('=') == std::string::npos)
            if (auto it = env.find(item.text); it != env.end()) item = scalar(item.text + "=" + it->second, item.where);
      } else if (environment->is_map()) {
        for (auto& [key, value] : environment->map)
          if (value.is_null())
            if (auto it = env.find(key); it != env.end()) value = scalar(it->second, value.where);
      }
    }
  if (tree* configs = doc.find("configs"); configs && configs->is_map())
    for (auto& [name, config] : configs->map)
      if (const tree* var = config.is_map() ? config.find("environment") : nullptr; var && var->is_scalar())
        if (auto it = env.find(var->text); it != env.end()) config.set("content", scalar(it->second, var->where));
}

void import_resources(tree& doc, tree included) {
  for (const char* kind : {"services", "volumes", "networks", "secrets", "configs", "models"}) {
    tree* from = included.find(kind);
    if (!from || !from->is_map()) continue;
    tree* to = doc.find(kind);
    if (!to || to->is_null()) {
      tree empty;
      empty.k = tree::kind::mapping;
      empty.where = from->where;
      doc.set(kind, std::move(empty));
      to = doc.find(kind);
    }
    if (!to->is_map()) continue;  // the loader reports a section that is not a mapping
    for (auto& [name, resource] : from->map) {
      tree* local = to->find(name);
      if (!local) {
        to->map.emplace_back(name, std::move(resource));
        continue;
      }
      tree merged = std::move(resource);
      merge_at(merged, std::move(*local), {kind, name});
      *local = std::move(merged);
    }
  }
}

}  // namespace

void apply_include(tree& doc, const include_scope& scope, const include_loader& load) {
  const tree* section = doc.find("include");
  if (!section) return;
  if (section->is_null()) return doc.erase("include");
  if (!section->is_seq()) throw model_error("`include` must be a list", section->where, "include");
  std::vector<include_entry> entries;
  for (size_t i = 0; i < section->seq.size(); ++i)
    entries.push_back(read_entry(section->seq[i], text::index_path("include", i), scope.project_dir));

  std::vector<tree> imported;
  for (const auto& e : entries) {
    const std::string main_file = e.files.front().string();
    if (std::find(scope.chain.begin(), scope.chain.end(), main_file) != scope.chain.end())
      throw model_error(cycle_text(scope.chain, main_file), e.where->where, e.path);
    const fs::path dir =
        e.project_directory ? absolute_in(scope.project_dir, *e.project_directory) : e.files.front().parent_path();
    include_scope sub{dir, environment_of(e, dir, scope), scope.chain};
    tree project = load(e.files, sub);
    settle(project, sub.environment);
    fs::path relative = dir.lexically_relative(scope.project_dir);
    if (relative.empty()) relative = dir;
    rebase_document_paths(project, relative.generic_string());
    imported.push_back(std::move(project));
  }
  doc.erase("include");
  for (auto& project : imported) import_resources(doc, std::move(project));
}

}  // namespace stackctl::model::detail
