#include "deploy_target.hpp"

#include <unistd.h>

#include <cstdlib>
#include <stdexcept>
#include <string_view>

#include <fmt/format.h>

#include "project_loading.hpp"
#include "stackctl/model/model_error.hpp"

namespace stackctl::cli {

deploy_target resolve_target(const global_options& globals, const std::vector<std::string>& services, bool need_file) {
  const auto options = make_load_options(globals, services);
  try {
    deploy_target t;
    t.project = load_project(globals, options, &t.create_on_deploy);
    t.name = t.project->name;
    t.named_by_user = !globals.project_name.empty() || std::getenv("COMPOSE_PROJECT_NAME") != nullptr;
    return t;
  } catch (const model::no_config_file&) {
    if (need_file) throw;
    std::string name = globals.project_name;
    if (name.empty()) {
      const char* env = std::getenv("COMPOSE_PROJECT_NAME");
      if (env != nullptr) name = env;
    }
    if (name.empty()) throw;
    return {std::nullopt, name, true, {}};
  }
}

void refuse_removal_by_derived_name(const deploy_target& target, std::string_view command) {
  if (target.named_by_user || !target.project) return;
  const auto& p = *target.project;
  if (!p.services.empty() || !p.disabled_services.empty()) return;
  throw std::runtime_error(
      fmt::format("{}: the project \"{}\" has no services, so its name comes from its directory alone; refusing to "
                  "remove containers by it (name the project with -p {} to act on them)",
                  command, p.name, p.name));
}

void check_services(const deploy_target& target, const std::vector<std::string>& services) {
  if (!target.project) return;
  for (const auto& s : services)
    if (!target.project->services.count(s)) throw model::unknown_service(s);
}

int parallel_limit(int flag) {
  if (flag != 0) return flag;
  if (const char* env = std::getenv("COMPOSE_PARALLEL_LIMIT"); env != nullptr && *env != '\0') {
    try {
      const int n = std::stoi(env);
      if (n > 0 || n == -1) return n;
    } catch (const std::exception&) {
    }
    throw std::runtime_error(fmt::format("COMPOSE_PARALLEL_LIMIT={}: expected a positive number or -1", env));
  }
  return -1;
}

bool use_color(int fd, bool no_color) {
  if (no_color || ::isatty(fd) != 1) return false;
  const char* env = std::getenv("NO_COLOR");
  return env == nullptr || *env == '\0';
}

}  // namespace stackctl::cli
