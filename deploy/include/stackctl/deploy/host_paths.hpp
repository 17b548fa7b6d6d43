#pragma once
// The env schema's create_on_deploy paths (model::derived_environment), which `up` creates once
// its checks passed: mkdir -p a directory; for a file, mkdir -p its parent and an empty file only
// when none exists (never truncated). No other command creates a host path.
#include <filesystem>
#include <string>
#include <vector>

#include "stackctl/model/derived_environment.hpp"

namespace stackctl::deploy {

// Returns what it created (directories and files that did not exist). Throws deploy_error (host)
// naming the variable and the path when one cannot be made.
std::vector<std::filesystem::path> create_host_paths(const std::vector<model::host_path>& paths);

// Why the directory `dir` could not be created — its nearest existing ancestor is not a directory,
// is on a read-only file system or is not writable — as "<ancestor>: <reason>"; "" when it can be
// (or exists). Touches nothing: `up` asks before it creates anything, here or in the engine.
std::string cannot_create_directory(const std::filesystem::path& dir);

// The same check for every path create_host_paths would make; throws deploy_error (host) naming
// the variable and the path for the first one that cannot be made.
void check_host_paths(const std::vector<model::host_path>& paths);

}  // namespace stackctl::deploy
