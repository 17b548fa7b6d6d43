#pragma once
// The env schema's create_on_deploy paths (model::derived_environment), which `up` creates once
// its checks passed: mkdir -p a directory; for a file, mkdir -p its parent and an empty file only
// when none exists (never truncated). No other command creates a host path.
#include <filesystem>
#include <vector>

#include "stackctl/model/derived_environment.hpp"

namespace stackctl::deploy {

// Returns what it created (directories and files that did not exist). Throws std::runtime_error
// naming the variable and the path when one cannot be made.
std::vector<std::filesystem::path> create_host_paths(const std::vector<model::host_path>& paths);

}  // namespace stackctl::deploy
