#include "project_loading.hpp"

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <string_view>

#include <fmt/format.h>

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

}  // namespace stackctl::cli
