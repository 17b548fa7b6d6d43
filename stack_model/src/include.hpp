#pragma once
// Internal: the top-level `include` (compose-go loader/include.go). Runs on one compose file's
// document after interpolation, before its `extends` and before the files merge. Each entry is a
// project of its own: its files (the first one decides its directory unless `project_directory`
// says), its environment (the including project's, plus its `env_file`s — or the `.env` of its
// directory — for what the including one leaves unset), its own includes and extends. Its services,
// networks, volumes, secrets, configs and models are then imported, with relative paths moved
// onto its directory; a resource the including file defines too is laid over the included one.
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "stackctl/model/dotenv.hpp"
#include "yaml_tree.hpp"

namespace stackctl::model::detail {

struct include_scope {
  std::filesystem::path project_dir;  // absolute: where relative include paths and env files are found
  env_map environment;                // interpolates the project's files
  std::vector<std::string> chain;     // the files being loaded, outermost first: an include cycle check
};

// Loads the files (absolute paths, in order) of an included project into one merged document.
using include_loader = std::function<tree(const std::vector<std::filesystem::path>& files, const include_scope&)>;

// Imports every entry of `doc`'s `include` into `doc` and removes the key. `scope.chain` ends with
// the file of `doc`. Throws model_error located at the entry.
void apply_include(tree& doc, const include_scope& scope, const include_loader& load);

}  // namespace stackctl::model::detail
