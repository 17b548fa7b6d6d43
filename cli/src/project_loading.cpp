#include "project_loading.hpp"

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <set>
#include <stdexcept>
#include <string_view>
#include <variant>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "env_schema_support.hpp"
#include "stackctl/model/loader.hpp"

extern char** environ;  // NOLINT: POSIX

namespace stackctl::cli {

namespace fs = std::filesystem;

std::map<std::string, std::string> process_environment() {
  std::map<std::string, std::string> env;
  for (char** e = environ; e && *e; ++e) {
    const std::string_view entry(*e);
    const auto eq = entry.find('=');
    if (eq == std::string_view::npos || eq == 0) continue;
    env.emplace(std::string(entry.substr(0, eq)), std::string(entry.substr(eq + 1)));
  }
  if (!env.count("PWD")) {
    std::error_code ec;
    const auto cwd = fs::current_path(ec);
    if (!ec) env.emplace("PWD", cwd.string());
  }
  return env;
}

model::load_options make_location_options(const global_options& globals) {
  model::load_options o;
  o.files = globals.files;
  o.current_directory = fs::current_path();
  if (!globals.project_directory.empty()) o.project_directory = fs::path(globals.project_directory);
  if (!globals.project_name.empty()) o.project_name = globals.project_name;
  o.env_files = globals.env_files;
  o.profiles = globals.profiles;
  o.environment = process_environment();
  return o;
}

model::load_options make_load_options(const global_options& globals, const std::vector<std::string>& services) {
  auto o = make_location_options(globals);
  o.enabled_services = services;
  for (const auto& f : o.files)
    if (f == "-") {
      o.stdin_content.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
      break;
    }
  return o;
}

void print_warning(const std::string& text) { fmt::print(stderr, "stackctl: warning: {}\n", text); }

model::project locate_and_load(const global_options& globals, const model::load_options& options,
                               std::vector<model::host_path>* create_on_deploy) {
  // With an env schema: the environment it derives (else unchanged), and the paths `up` creates.
  auto where = apply_env_schema(globals, model::locate_project(options), options.environment, create_on_deploy);
  return model::load(options, where);
}

model::project load_project(const global_options& globals, const model::load_options& options,
                            std::vector<model::host_path>* create_on_deploy) {
  auto p = locate_and_load(globals, options, create_on_deploy);
  for (const auto& w : p.warnings) print_warning(w);
  return p;
}

namespace {

using json = nlohmann::ordered_json;

// Keeps only the keys of `section` (networks, volumes, ...) in `used`, in the typed map and the document.
template <typename Map>
void prune(Map& typed, json& doc, const char* section, const std::set<std::string>& used) {
  for (auto it = typed.begin(); it != typed.end();) it = used.count(it->first) ? std::next(it) : typed.erase(it);
  if (!doc.contains(section)) return;
  json kept = json::object();
  for (auto& [k, v] : doc[section].items())
    if (used.count(k)) kept[k] = v;
  if (kept.empty()) doc.erase(section);
  else doc[section] = std::move(kept);
}

}  // namespace

void select_services(model::project& p, const std::vector<std::string>& names) {
  if (names.empty()) return;
  // The closure of the named services over depends_on (implicit dependencies are already folded in).
  for (const auto& name : names)
    if (!p.services.count(name)) throw std::runtime_error(fmt::format("no such service: {}", name));
  std::set<std::string> keep;
  std::vector<std::string> todo(names.begin(), names.end());
  while (!todo.empty()) {
    const std::string name = todo.back();
    todo.pop_back();
    const auto it = p.services.find(name);
    if (it == p.services.end() || !keep.insert(name).second) continue;  // undefined only with --no-consistency
    for (const auto& [dep, _] : it->second.depends_on) todo.push_back(dep);
  }

  json doc = p.canonical ? *p.canonical : json::object();
  for (auto it = p.services.begin(); it != p.services.end();) {
    if (keep.count(it->first)) {
      ++it;
      continue;
    }
    if (doc.contains("services") && doc["services"].contains(it->first)) {
      doc["#disabled"][it->first] = doc["services"][it->first];
      doc["services"].erase(it->first);
    }
    p.disabled_services.insert(*it);
    it = p.services.erase(it);
  }

  // Resources only the dropped services used go too (compose: WithoutUnnecessaryResources).
  std::set<std::string> networks, volumes, secrets, configs;
  for (const auto& [name, s] : p.services) {
    for (const auto& [n, _] : s.networks) networks.insert(n);
    for (const auto& m : s.volumes)
      if (const auto* v = std::get_if<model::volume_mount>(&m); v && !v->source.empty()) volumes.insert(v->source);
    for (const auto& r : s.secrets) secrets.insert(r.source);
    for (const auto& r : s.configs) configs.insert(r.source);
  }
  // Build secrets live only in the document.
  if (doc.contains("services"))
    for (auto& [name, svc] : doc["services"].items())
      if (svc.contains("build") && svc["build"].contains("secrets"))
        for (auto& r : svc["build"]["secrets"]) secrets.insert(r["source"].get<std::string>());
  prune(p.networks, doc, "networks", networks);
  prune(p.volumes, doc, "volumes", volumes);
  prune(p.secrets, doc, "secrets", secrets);
  prune(p.configs, doc, "configs", configs);
  p.canonical = std::make_shared<const json>(std::move(doc));
}

}  // namespace stackctl::cli
