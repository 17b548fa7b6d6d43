#include "compose_documents.hpp"

#include <fmt/format.h>

#include "compose_schema.hpp"
#include "extends.hpp"
#include "go_format.hpp"
#include "input_guard.hpp"
#include "merge.hpp"
#include "stackctl/model/model_error.hpp"
#include "stackctl/model/text.hpp"

namespace stackctl::model::detail {

namespace fs = std::filesystem;

std::string read_compose_file(const fs::path& file) {
  auto content = read_input_file(file);
  if (!content) throw model_error(fmt::format("open {}: no such file or directory", file.string()));
  return std::move(*content);
}

void document_merge::add(tree doc) {
  if (empty_) {
    if (!keep_tags_) strip_tags(doc);
    merged_ = std::move(doc);
    empty_ = false;
  } else {
    merge_documents(merged_, std::move(doc));
  }
}

tree read_other_compose_file(const fs::path& file, const variable_lookup& lookup, document_loading& loading) {
  document_merge merged(/*keep_tags=*/true);
  for (tree& doc : parse_yaml_documents(read_compose_file(file), file.string())) {
    if (loading.options.interpolate) interpolate_tree(doc, lookup, "", loading.warnings);
    merged.add(std::move(doc));
  }
  return std::move(merged.result());
}

void interpolate_tree(tree& t, const variable_lookup& lookup, const std::string& path,
                      std::vector<std::string>& warnings) {
  if (t.is_scalar()) {
    if (t.text.find('$') == std::string::npos) return;
    try {
      auto r = interpolate(t.text, lookup);
      for (const auto& v : r.unset_variables)
        warnings.push_back(fmt::format("The \"{}\" variable is not set. Defaulting to a blank string.", v));
      if (const auto bad = find_invalid_utf8(r.value))  // a variable's bytes from the process
        throw model_error("the value is not UTF-8 after interpolation: " + bad->reason, t.where, path);
      if (r.value != t.text) t.written = t.text;
      t.text = std::move(r.value);
      t.is_string = true;
    } catch (const model_error&) {
      throw;
    } catch (const std::exception& e) {
      throw model_error(e.what(), t.where, path);
    }
    return;
  }
  if (t.is_seq()) {
    for (size_t i = 0; i < t.seq.size(); ++i) interpolate_tree(t.seq[i], lookup, text::index_path(path, i), warnings);
  } else if (t.is_map()) {
    for (auto& [k, v] : t.map) interpolate_tree(v, lookup, text::child_path(path, k), warnings);
  }
}

void resolve_references(tree& doc, const std::string& file_name, const include_scope& scope,
                        document_loading& loading) {
  include_scope own = scope;
  own.chain.push_back(file_name);
  apply_include(doc, own, [&](const std::vector<fs::path>& files, const include_scope& included) {
    return load_project_documents(files, included, loading);
  });
  const auto lookup = lookup_in(scope.environment);
  extends_files other{scope.project_dir,
                      [&](const fs::path& file) { return read_other_compose_file(file, lookup, loading); }};
  apply_extends(doc, file_name, other);
}

void check_document(tree& doc, std::vector<std::string>& warnings) {
  if (doc.find("version")) {
    warnings.emplace_back(
        "the attribute `version` is obsolete, it will be ignored, please remove it to avoid potential confusion");
    doc.erase("version");
  }
  validate_compose_schema(doc);
}

tree load_project_documents(const std::vector<fs::path>& files, const include_scope& scope, document_loading& loading) {
  const auto lookup = lookup_in(scope.environment);
  document_merge merged;
  for (const auto& file : files) {
    const std::string name = file.string();
    for (tree& doc : parse_yaml_documents(read_compose_file(file), name)) {
      if (loading.options.interpolate) interpolate_tree(doc, lookup, "", loading.warnings);
      resolve_references(doc, name, scope, loading);
      merged.add(std::move(doc));
    }
  }
  check_document(merged.result(), loading.warnings);
  return std::move(merged.result());
}

}  // namespace stackctl::model::detail
