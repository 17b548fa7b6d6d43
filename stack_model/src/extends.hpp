#pragma once
// Internal: a service's `extends` (compose-go loader/extends.go). Runs on one compose file's
// document after interpolation and after its includes were imported, before the files merge:
// each service that extends another is replaced by the base laid under it (the service merge
// rules, with !reset and !override), and loses its `extends` key.
//
// - `extends: NAME` or `extends: {service: NAME}`: a service of the same document.
// - `extends: {file: F, service: NAME}`: a service of F (relative to the project directory), read
//   and interpolated on its own (no include, no extends of its own resolved beyond the chain), its
//   relative paths moved onto F's folder.
// - Chains resolve base first; a cycle is one error naming the chain.
#include <filesystem>
#include <functional>
#include <string>

#include "yaml_tree.hpp"

namespace stackctl::model::detail {

struct extends_files {
  std::filesystem::path project_dir;  // absolute: where a relative `extends.file` is found
  // Reads, parses and interpolates another compose file, given by its absolute path.
  std::function<tree(const std::filesystem::path&)> read;
};

// Resolves the `extends` of every service of `doc`, the document of the file `file_name`.
// Throws model_error located at the `extends` that cannot be resolved.
void apply_extends(tree& doc, const std::string& file_name, const extends_files& files);

}  // namespace stackctl::model::detail
