// stackctl — deploy Compose stacks straight through the Docker Engine API.
#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "commands/commands.hpp"
#include "error_report.hpp"
#include "exit_codes.hpp"
#include "global_options.hpp"
#include "plugin_mode.hpp"
#include "stackctl/engine/client_version.hpp"
#include "unknown_command.hpp"

int main(int argc, char** argv) {
  using stackctl::cli::exit_code;
  stackctl::cli::global_options globals;
  stackctl::cli::launch launch;
  try {
    launch = stackctl::cli::classify_launch(argc, argv);
  } catch (...) {
    return static_cast<int>(stackctl::cli::report_current_exception(false));
  }
  if (launch.metadata) {
    fmt::print("{}\n", stackctl::cli::plugin_metadata());
    return 0;
  }
  globals.compose_mode = launch.compose_mode;

  CLI::App app{"stackctl — deploy Compose stacks straight through the Docker Engine API", "stackctl"};
  app.set_version_flag("--version", fmt::format("stackctl version {}", stackctl::engine::client_version()));
  app.require_subcommand(1);
  app.fallthrough();  // global flags may also follow the subcommand, as with docker compose
  app.add_flag("--verbose", globals.verbose, "Print the request behind an engine error");
  app.add_option("-H,--host", globals.host,
                 "Daemon socket to connect to (default: $DOCKER_HOST or unix:///var/run/docker.sock)");
  app.add_option("--context", globals.context,
                 "Docker context to use (default: $DOCKER_CONTEXT, else the docker CLI's current context)");
  // The project flags, with docker compose's names; each repeatable flag takes one value per use.
  app.add_option("-f,--file", globals.files,
                 "Compose file (repeatable; \"-\" reads stdin; default: $COMPOSE_FILE, else discovery)")
      ->allow_extra_args(false);
  app.add_option("-p,--project-name", globals.project_name,
                 "Project name (default: $COMPOSE_PROJECT_NAME, name:, or the directory)");
  app.add_option("--project-directory", globals.project_directory,
                 "Working directory of the project (default: the first file's directory)");
  app.add_option("--env-file", globals.env_files,
                 "Env file instead of <project dir>/.env (repeatable; default: $COMPOSE_ENV_FILES)")
      ->allow_extra_args(false);
  app.add_option("--profile", globals.profiles, "Profile to enable (repeatable; default: $COMPOSE_PROFILES)")
      ->allow_extra_args(false);
  app.add_option(
         "--parallel", globals.parallel,
         "At most N engine operations at once, -1 for unlimited (default: $COMPOSE_PARALLEL_LIMIT, else unlimited)")
      ->check(CLI::Range(-1, 1 << 20));
  app.add_option("--env-schema", globals.env_schema,
                 "Env schema file (default: env.schema[.<variant>].yaml beside the compose file)");

  stackctl::cli::register_version_command(app, globals);
  stackctl::cli::register_config_command(app, globals);
  stackctl::cli::register_up_command(app, globals);
  stackctl::cli::register_down_command(app, globals);
  stackctl::cli::register_ps_command(app, globals);
  stackctl::cli::register_logs_command(app, globals);
  stackctl::cli::register_exec_command(app, globals);
  stackctl::cli::register_run_command(app, globals);
  stackctl::cli::register_lifecycle_commands(app, globals);
  stackctl::cli::register_pull_command(app, globals);
  stackctl::cli::register_env_command(app, globals);
  stackctl::cli::register_doctor_command(app, globals);
  stackctl::cli::register_install_plugin_command(app);

  try {
    std::vector<std::string> args(launch.args.rbegin(), launch.args.rend() - 1);  // CLI11: reversed, no argv[0]
    app.parse(args);
  } catch (const CLI::RuntimeError& e) {
    return e.get_exit_code();  // a command's own exit status (attached `up` after Ctrl-C: 130)
  } catch (const CLI::ParseError& e) {
    if (const auto unknown = stackctl::cli::unknown_command_message(app)) {
      fmt::print(stderr, "{}\n", *unknown);
      return static_cast<int>(exit_code::usage);
    }
    const int code = app.exit(e);  // prints help/version or the usage error
    return code == 0 ? 0 : static_cast<int>(exit_code::usage);
  } catch (...) {
    return static_cast<int>(stackctl::cli::report_current_exception(globals.verbose));
  }
  return static_cast<int>(exit_code::success);
}
