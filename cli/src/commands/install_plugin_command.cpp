// `stackctl install-plugin [--user|--system]`: makes stackctl the docker CLI's compose plugin by a
// symbolic link named docker-compose in a cli-plugins directory, so `docker compose …` runs it.
#include <unistd.h>

#include <filesystem>
#include <stdexcept>
#include <system_error>

#include <fmt/format.h>

#include "commands.hpp"
#include "stackctl/engine/docker_context.hpp"

namespace stackctl::cli {
namespace {

namespace fs = std::filesystem;

struct install_flags {
  bool system = false;
  bool force = false;
  std::string directory;  // --dir: any other cli-plugins directory
};

void install_plugin(const install_flags& f) {
  const fs::path dir = !f.directory.empty() ? fs::path(f.directory)
                       : f.system           ? fs::path("/usr/local/lib/docker/cli-plugins")
                                            : engine::docker_config_dir() / "cli-plugins";
  std::error_code ec;
  const auto self = fs::read_symlink("/proc/self/exe", ec);
  if (ec) throw std::runtime_error(fmt::format("cannot find the stackctl binary: {}", ec.message()));
  const auto link = dir / "docker-compose";
  if (fs::exists(fs::symlink_status(link, ec))) {
    if (fs::is_symlink(link, ec) && fs::equivalent(link, self, ec)) {
      fmt::print("{} already runs {}\n", link.string(), self.string());
      return;
    }
    if (!f.force)
      throw std::runtime_error(fmt::format(
          "{} exists (another compose plugin?); remove it or run install-plugin --force to replace it", link.string()));
    fs::remove(link, ec);
    if (ec) throw std::runtime_error(fmt::format("cannot replace {}: {}", link.string(), ec.message()));
  }
  fs::create_directories(dir, ec);
  if (ec) throw std::runtime_error(fmt::format("cannot create {}: {}", dir.string(), ec.message()));
  fs::create_symlink(self, link, ec);
  if (ec) throw std::runtime_error(fmt::format("cannot create {}: {}", link.string(), ec.message()));
  fmt::print("{} -> {}: `docker compose` now runs stackctl\n", link.string(), self.string());
}

}  // namespace

void register_install_plugin_command(CLI::App& app) {
  auto* cmd =
      app.add_subcommand("install-plugin", "Install stackctl as the docker CLI's compose plugin (docker compose …)");
  auto f = std::make_shared<install_flags>();
  auto* user = cmd->add_flag_function(
      "--user", [](std::int64_t) {}, "In $DOCKER_CONFIG/cli-plugins, else ~/.docker/cli-plugins (the default)");
  cmd->add_flag("--system", f->system, "In /usr/local/lib/docker/cli-plugins, for every user")->excludes(user);
  cmd->add_option("--dir", f->directory, "In this cli-plugins directory instead");
  cmd->add_flag("--force", f->force, "Replace an existing docker-compose plugin");
  cmd->callback([f] { install_plugin(*f); });
}

}  // namespace stackctl::cli
