#pragma once
// Internal: merging of compose files by compose's rules (spec 13-merge.md), including !reset and
// !override. Works on the raw trees, after each file was interpolated.
#include <string>
#include <vector>

#include "yaml_tree.hpp"

namespace stackctl::model::detail {

// Merges `override_file` into `base` (both whole documents).
void merge_documents(tree& base, tree override_file);

// Merges one resource by the same rules, as found at `path` ({"services", name} for a service, whose
// fields then follow the service rules): how `extends` lays a service over its base, and how an
// `include`d resource is laid under the including file's definition of it.
void merge_at(tree& base, tree over, std::vector<std::string> path);

// Drops !reset entries and the tags of a single document (its own !reset/!override still apply).
void strip_tags(tree& doc);

}  // namespace stackctl::model::detail
