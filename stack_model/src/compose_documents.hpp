#pragma once
// Internal: one compose file's document from its text to the point where it merges with the other
// files of its project (compose-go loader.go, loadYamlFile): parsed, interpolated, its `include`
// imported, its `extends` resolved. The loader runs this for the files the user names, and the
// include step runs it again for the files of each included project.
#include <filesystem>
#include <string>
#include <vector>

#include "include.hpp"
#include "stackctl/model/interpolation.hpp"
#include "stackctl/model/load_options.hpp"
#include "yaml_tree.hpp"

namespace stackctl::model::detail {

struct document_loading {
  const load_options& options;         // interpolate or not
  std::vector<std::string>& warnings;  // unset variables, obsolete `version`
};

// Interpolates every string value (never a key) of a tree.
void interpolate_tree(tree& t, const variable_lookup& lookup, const std::string& path,
                      std::vector<std::string>& warnings);

// The document's include and extends, in compose's order. `scope.chain` holds the files that
// include this one; `file_name` is added to it for the includes.
void resolve_references(tree& doc, const std::string& file_name, const include_scope& scope, document_loading& loading);

// Drops an obsolete `version` with compose's warning, then validates the document against the
// Compose Specification's schema (compose_schema.hpp).
void check_document(tree& doc, std::vector<std::string>& warnings);

// Documents merged in order, as compose-go merges each document of each file into one model: the
// first is taken as it is, each later one laid over it. The first keeps its `!reset`/`!override`
// tags only when `keep_tags` (an extends base, whose tags still apply to the service extending it).
class document_merge {
 public:
  explicit document_merge(bool keep_tags = false) : keep_tags_(keep_tags) { merged_.k = tree::kind::mapping; }
  void add(tree doc);
  tree& result() { return merged_; }

 private:
  tree merged_;
  bool keep_tags_;
  bool empty_ = true;
};

// The files of one project (absolute paths) read, resolved and merged in order, document by document.
tree load_project_documents(const std::vector<std::filesystem::path>& files, const include_scope& scope,
                            document_loading& loading);

// A compose file read from another one (an `extends: {file: ...}` base): its documents parsed,
// interpolated when the loading says so, and merged.
tree read_other_compose_file(const std::filesystem::path& file, const variable_lookup& lookup,
                             document_loading& loading);

// The text of a compose file; throws model_error "open <file>: no such file or directory".
std::string read_compose_file(const std::filesystem::path& file);

}  // namespace stackctl::model::detail
