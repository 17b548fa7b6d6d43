#pragma once
// Each command registers itself on the root app; its callback runs the command and returns
// through the exit code held in the command_result.
#include <CLI/CLI.hpp>

#include "../global_options.hpp"

namespace stackctl::cli {

void register_version_command(CLI::App& app, const global_options& globals);
void register_config_command(CLI::App& app, const global_options& globals);

}  // namespace stackctl::cli
