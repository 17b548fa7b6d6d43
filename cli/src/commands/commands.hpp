#pragma once
// Each command registers itself on the root app; its callback runs the command and returns
// through the exit code held in the command_result.
#include <CLI/CLI.hpp>

#include "../global_options.hpp"

namespace stackctl::cli {

void register_version_command(CLI::App& app, const global_options& globals);
void register_config_command(CLI::App& app, const global_options& globals);
// The deploy commands (cli-deploy): up, down, ps, logs, start/stop/restart/kill/rm, pull.
void register_up_command(CLI::App& app, const global_options& globals);
void register_down_command(CLI::App& app, const global_options& globals);
void register_ps_command(CLI::App& app, const global_options& globals);
void register_logs_command(CLI::App& app, const global_options& globals);
void register_lifecycle_commands(CLI::App& app, const global_options& globals);
void register_pull_command(CLI::App& app, const global_options& globals);
void register_exec_command(CLI::App& app, const global_options& globals);
void register_run_command(CLI::App& app, const global_options& globals);
// The env schema commands (docs/env-schema.md): env example|check|init, doctor.
void register_env_command(CLI::App& app, const global_options& globals);
void register_doctor_command(CLI::App& app, const global_options& globals);
void register_install_plugin_command(CLI::App& app);

}  // namespace stackctl::cli
