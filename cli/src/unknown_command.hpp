#pragma once
// `stackctl X` with no command X: one line naming it and the closest known command, instead of
// CLI11's "A subcommand is required" (as docker's "unknown command ... Did you mean this?").
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>

namespace stackctl::cli {

// The known command nearest to `typed` (edit distance, a prefix counting as near), or nullopt
// when none is near enough to be a typo.
std::optional<std::string> closest_command(std::string_view typed, const std::vector<std::string>& known);

// After a parse error: the message for a first word that is no command, or nullopt when the error
// is another one (an unknown flag, a bad value, no command at all).
std::optional<std::string> unknown_command_message(const CLI::App& app);

}  // namespace stackctl::cli
