#pragma once
// Internal: merging of compose files by compose's rules (spec 13-merge.md), including !reset and
// !override. Works on the raw trees, after each file was interpolated.
#include "yaml_tree.hpp"

namespace stackctl::model::detail {

// Merges `override_file` into `base` (both whole documents).
void merge_documents(tree& base, tree override_file);

// Drops !reset entries and the tags of a single document (its own !reset/!override still apply).
void strip_tags(tree& doc);

}  // namespace stackctl::model::detail
