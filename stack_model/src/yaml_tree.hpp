#pragma once
// Internal: a YAML document as an ordered tree that remembers where each value came from, so that
// errors after interpolation and merging still name file:line:column.
#include <string>
#include <utility>
#include <vector>

#include "stackctl/model/model_error.hpp"

namespace stackctl::model::detail {

struct tree_entry;

struct tree {
  enum class kind { null, scalar, sequence, mapping };
  kind k = kind::null;
  std::string text;             // scalar text
  bool is_string = false;       // quoted, block or interpolated: never resolved as a number/bool/null
  std::string tag;              // "!reset", "!override" or empty
  std::string written;          // the scalar as written, when interpolation changed it ("${CPUS}")
  std::vector<tree_entry> map;  // in document order
  std::vector<tree> seq;
  source_location where;

  bool is_null() const { return k == kind::null; }
  bool is_scalar() const { return k == kind::scalar; }
  bool is_map() const { return k == kind::mapping; }
  bool is_seq() const { return k == kind::sequence; }
  const tree* find(std::string_view key) const;
  tree* find(std::string_view key);
  void set(const std::string& key, tree value);  // replace or append
  void erase(std::string_view key);
};

// One key of a mapping. Not a std::pair: a pair of the still incomplete `tree` is refused by clang's
// library checks (clang-tidy, libFuzzer builds), a named struct is not.
struct tree_entry {
  tree_entry(std::string key, tree value) : first(std::move(key)), second(std::move(value)) {}
  std::string first;  // the key
  tree second;        // its value
};

// Parses a YAML stream: the single entry point of every YAML file the model reads. Throws
// model_error, located at file:line:column, on a syntax error, on text that is not UTF-8 or over
// 64 MiB (input_guard.hpp), and, per document, on nesting deeper than 200, on more than 500,000
// nodes, on excessive aliasing (go-yaml's budget) and on a top level that is not a mapping. A
// compose file may hold several documents (`---`), merged in order as compose-go does; an empty
// stream or document is an empty mapping.
std::vector<tree> parse_yaml_documents(const std::string& content, const std::string& file_name);

// The same for a file of exactly one document (the env schema): a second one is an error.
tree parse_yaml(const std::string& content, const std::string& file_name);

// The scalar's type as YAML 1.2 (core schema, like go-yaml) resolves a plain scalar.
enum class scalar_type { null, boolean, integer, floating, string };
scalar_type resolve_scalar(const tree& t);

}  // namespace stackctl::model::detail
