#include "yaml_tree.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <istream>
#include <optional>
#include <regex>
#include <streambuf>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include "input_guard.hpp"

namespace stackctl::model::detail {

const tree* tree::find(std::string_view key) const {
  for (const auto& [k2, v] : map)
    if (k2 == key) return &v;
  return nullptr;
}

tree* tree::find(std::string_view key) {
  for (auto& [k2, v] : map)
    if (k2 == key) return &v;
  return nullptr;
}

void tree::set(const std::string& key, tree value) {
  if (auto* t = find(key)) {
    *t = std::move(value);
    return;
  }
  map.emplace_back(key, std::move(value));
}

void tree::erase(std::string_view key) {
  for (auto it = map.begin(); it != map.end(); ++it)
    if (it->first == key) {
      map.erase(it);
      return;
    }
}

namespace {

// Nesting deeper than this is refused while parsing (go-yaml stops at 10,000, yaml-cpp at 500
// with "bad file"; no compose file comes near 200, and every walk over the tree recurses).
constexpr std::size_t max_depth = 200;
// Nodes in one document, counting those alias expansion adds. yaml-cpp costs about 3 µs and the
// tree about 350 bytes a node, so the limit bounds a dense 64 MiB file (30 million nodes) to
// about 1.5 s and 200 MB; no compose file comes near (a large stack has a few thousand).
constexpr std::size_t max_nodes = 500000;

source_location at(const YAML::Mark& m, const std::string& file) {
  if (m.is_null()) return {file, 0, 0};
  return {file, m.line + 1, m.column + 1};
}

model_error depth_error(source_location where) {
  return model_error(fmt::format("yaml: exceeded max depth of {}", max_depth), std::move(where));
}

model_error size_error(source_location where) {
  return model_error(fmt::format("yaml: document has more than {} nodes", max_nodes), std::move(where));
}

// The text as an input stream, without the copy an istringstream would make.
class text_buffer : public std::streambuf {
 public:
  explicit text_buffer(const std::string& text) {
    char* begin = const_cast<char*>(text.data());  // only ever read
    setg(begin, begin, begin + text.size());
  }
};

// One document as yaml-cpp's parser reports it, before any alias is expanded: a flat list of
// nodes in which an alias is a reference to the anchored node, so that building it costs what
// the text costs. Aliases are expanded — within a budget — only when the tree is made from it.
struct raw_node {
  tree::kind k = tree::kind::null;
  std::string text;  // scalar text
  std::string tag;   // as yaml-cpp reports it: "?" plain, "!" quoted, or explicit
  YAML::Mark mark;
  std::vector<std::uint32_t> children;  // sequence items; mapping key, value, key, value, ...
  std::int64_t alias_of = -1;           // an alias: the index of the anchored node
};

class raw_document final : public YAML::EventHandler {
 public:
  explicit raw_document(const std::string& file) : file_(file) {}

  const YAML::Mark& start() const { return start_; }
  const std::vector<raw_node>& nodes() const { return nodes_; }
  bool empty() const { return nodes_.empty(); }

  void OnDocumentStart(const YAML::Mark& mark) override { start_ = mark; }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override { add(tree::kind::null, mark, {}, anchor); }
  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    nodes_[add(tree::kind::scalar, mark, tag, anchor)].text = value;
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    const std::size_t target = anchor < anchors_.size() ? anchors_[anchor] : open_anchor;
    if (target == open_anchor) throw model_error("yaml: unknown anchor referenced", at(mark, file_));
    if (std::find(open_.begin(), open_.end(), target) != open_.end())
      throw model_error("yaml: anchor '" + anchor_name(anchor) + "' value contains itself", at(mark, file_));
    nodes_[add(tree::kind::null, mark, {}, YAML::NullAnchor)].alias_of = static_cast<std::int64_t>(target);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(tree::kind::sequence, mark, tag, anchor);
  }
  void OnSequenceEnd() override { open_.pop_back(); }
  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(tree::kind::mapping, mark, tag, anchor);
  }
  void OnMapEnd() override { open_.pop_back(); }
  void OnAnchor(const YAML::Mark&, const std::string& name) override { anchor_names_.push_back(name); }

 private:
  static constexpr std::size_t open_anchor = static_cast<std::size_t>(-1);

  std::size_t add(tree::kind k, const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor) {
    if (nodes_.size() >= max_nodes) throw size_error(at(mark, file_));
    const auto index = static_cast<std::uint32_t>(nodes_.size());
    raw_node& n = nodes_.emplace_back();
    n.k = k;
    n.mark = mark;
    n.tag = tag;
    if (!open_.empty()) nodes_[open_.back()].children.push_back(index);
    if (anchor != YAML::NullAnchor) {
      if (anchors_.size() <= anchor) anchors_.resize(anchor + 1, open_anchor);
      anchors_[anchor] = index;
    }
    return index;
  }

  void open(tree::kind k, const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor) {
    if (open_.size() >= max_depth) throw depth_error(at(mark, file_));
    open_.push_back(add(k, mark, tag, anchor));
  }

  std::string anchor_name(YAML::anchor_t anchor) const {
    return anchor >= 1 && anchor <= anchor_names_.size() ? anchor_names_[anchor - 1] : std::string();
  }

  const std::string& file_;
  YAML::Mark start_ = YAML::Mark::null_mark();
  std::vector<raw_node> nodes_;
  std::vector<std::size_t> open_;          // indices of the collections being filled
  std::vector<std::size_t> anchors_;       // anchor id -> node index
  std::vector<std::string> anchor_names_;  // anchor id - 1 -> name (yaml-cpp numbers them in order)
};

// go-yaml's alias budget (decode.go): once more than 1,000 nodes are decoded, at most 99% of them
// may come from alias expansion, falling to 10% from 4,000,000 nodes on. A billion-laughs file is
// refused after a few thousand nodes; a template reused by a few services never comes close.
double allowed_alias_ratio(std::size_t decoded) {
  constexpr std::size_t low = 400000, high = 4000000;
  if (decoded <= low) return 0.99;
  if (decoded >= high) return 0.10;
  return 0.99 - 0.89 * (static_cast<double>(decoded - low) / static_cast<double>(high - low));
}

// The tree of one raw document: aliases expanded within the budget and the depth limit, merge
// keys folded in, duplicate keys refused.
class tree_maker {
 public:
  tree_maker(const raw_document& doc, const std::string& file) : nodes_(doc.nodes()), file_(file) {}

  tree make(std::uint32_t index, std::size_t depth) {
    const raw_node& n = nodes_[index];
    count(n);
    if (n.alias_of >= 0) {
      if (alias_depth_++ == 0) alias_site_ = &n;
      tree t = make(static_cast<std::uint32_t>(n.alias_of), depth);
      --alias_depth_;
      return t;
    }
    const bool collection = n.k == tree::kind::sequence || n.k == tree::kind::mapping;
    if (collection && depth >= max_depth) throw depth_error(blame(n));  // an alias can nest deeper
    tree t;
    t.k = n.k;
    t.where = where(n);
    if (n.tag == "!reset" || n.tag == "!override") t.tag = n.tag;
    switch (n.k) {
      case tree::kind::null: break;
      case tree::kind::scalar:
        t.text = n.text;
        t.is_string = n.tag != "?" && t.tag.empty();  // yaml-cpp tags plain scalars "?", quoted ones "!"
        break;
      case tree::kind::sequence: {
        t.seq.reserve(n.children.size());
        const std::size_t at = path_.size();
        for (const auto child : n.children) {
          path_ += "[" + std::to_string(t.seq.size()) + "]";
          t.seq.push_back(make(child, depth + 1));
          path_.resize(at);
        }
        break;
      }
      case tree::kind::mapping: make_mapping(n, t, depth); break;
    }
    return t;
  }

 private:
  const raw_node& resolved(std::uint32_t index) const {
    while (nodes_[index].alias_of >= 0) index = static_cast<std::uint32_t>(nodes_[index].alias_of);
    return nodes_[index];
  }

  source_location where(const raw_node& n) const { return at(n.mark, file_); }
  // Inside an expansion, the alias the user wrote (the outermost one) rather than the anchored node.
  source_location blame(const raw_node& n) const { return where(alias_depth_ > 0 ? *alias_site_ : n); }

  void count(const raw_node& n) {
    if (++decoded_ > max_nodes) throw size_error(blame(n));
    if (alias_depth_ > 0) ++aliased_;
    if (aliased_ > 100 && decoded_ > 1000 &&
        static_cast<double>(aliased_) / static_cast<double>(decoded_) > allowed_alias_ratio(decoded_))
      throw model_error("yaml: document contains excessive aliasing", blame(n));
  }

  // A key is a string: a plain 123, true, 1.5 or ~ is refused as compose-go's
  // convertToStringKeysRecursive does ("non-string key in services: 123"; TestNonStringKeys).
  std::string key_text(std::uint32_t index) const {
    const raw_node& key = resolved(index);
    if (key.k != tree::kind::scalar && key.k != tree::kind::null)
      throw model_error("mapping keys must be strings", where(nodes_[index]));
    tree plain;
    plain.k = key.k;
    plain.text = key.text;
    if (key.k == tree::kind::null || (key.tag == "?" && resolve_scalar(plain) != scalar_type::string))
      throw model_error(fmt::format("non-string key {}: {}", path_.empty() ? "at top level" : "in " + path_,
                                    key.k == tree::kind::null ? "<nil>" : key.text),
                        where(nodes_[index]));
    return key.text;
  }

  void make_mapping(const raw_node& n, tree& t, std::size_t depth) {
    const std::size_t pairs = n.children.size() / 2;
    std::vector<std::string> keys;
    keys.reserve(pairs);
    std::unordered_set<std::string> local;  // keys written here win over merged ones
    for (std::size_t i = 0; i < pairs; ++i) {
      keys.push_back(key_text(n.children[2 * i]));
      if (keys.back() != "<<") local.insert(keys.back());
    }
    t.map.reserve(pairs);
    std::unordered_map<std::string, std::size_t> seen;  // key → its first entry, without a quadratic scan
    for (std::size_t i = 0; i < pairs; ++i) {
      count(nodes_[n.children[2 * i]]);
      const std::uint32_t value = n.children[2 * i + 1];
      if (keys[i] != "<<") {
        if (auto [first, added] = seen.emplace(keys[i], i); !added)
          throw model_error(fmt::format("mapping key \"{}\" already defined at line {}", keys[i],
                                        where(nodes_[n.children[2 * first->second]]).line),
                            where(nodes_[n.children[2 * i]]));
        const std::size_t at = path_.size();
        path_ += (at == 0 ? "" : ".") + keys[i];
        t.map.emplace_back(keys[i], make(value, depth + 1));
        path_.resize(at);
        continue;
      }
      // YAML merge key: fold the anchored mapping(s) in; local keys and earlier merges win.
      const bool list = resolved(value).k == tree::kind::sequence;
      std::vector<tree> sources;
      if (list) sources = std::move(make(value, depth + 1).seq);
      else sources.push_back(make(value, depth + 1));
      for (auto& source : sources) {
        if (!source.is_map()) throw model_error("merge key '<<' needs a mapping", source.where);
        for (auto& [key, v] : source.map)
          if (!local.count(key) && seen.emplace(key, i).second) t.map.emplace_back(key, std::move(v));
      }
    }
  }

  const std::vector<raw_node>& nodes_;
  const std::string& file_;
  std::size_t decoded_ = 0;
  std::size_t aliased_ = 0;
  int alias_depth_ = 0;
  const raw_node* alias_site_ = nullptr;
  std::string path_;  // the dotted path of the node being made, for a non-string key's message
};

}  // namespace

namespace {

tree empty_mapping(const std::string& file_name, YAML::Mark where) {
  tree empty;
  empty.k = tree::kind::mapping;
  empty.where = at(where, file_name);
  return empty;
}

tree document_tree(const raw_document& doc, const std::string& file_name) {
  if (doc.empty()) return empty_mapping(file_name, doc.start());
  tree t = tree_maker(doc, file_name).make(0, 0);
  if (t.is_null()) t.k = tree::kind::mapping;
  if (!t.is_map()) throw model_error("top-level object must be a mapping", t.where);
  return t;
}

// Every document of the stream, and where each starts (its `---`, or its first node).
std::vector<tree> parse_stream(const std::string& content, const std::string& file_name,
                               std::vector<source_location>& starts) {
  check_input_text(content, file_name, input_kind::yaml);
  text_buffer buffer(content);
  std::istream in(&buffer);
  std::vector<raw_document> raw;  // every document read before any is built: a syntax error comes first
  try {
    YAML::Parser parser(in);
    std::optional<YAML::Mark> previous;
    for (std::size_t n = 1;; ++n) {
      raw_document next(file_name);
      if (!parser.HandleNextDocument(next)) break;
      // yaml-cpp 0.7 consumes nothing for a token that cannot start a node at document level (a ','
      // or '?' outside any collection, e.g. after a closed `[...]`) and reports an empty document
      // there, again and again: its LoadAll loops forever. A document that starts where the one
      // before it started is that case.
      if (previous && next.start().pos == previous->pos)
        throw model_error(
            n == 2 ? "yaml: did not find expected node content" : "yaml: did not find expected <document start>",
            at(next.start(), file_name));
      previous = next.start();
      starts.push_back(at(next.start(), file_name));
      raw.push_back(std::move(next));
    }
  } catch (const YAML::Exception& e) {
    throw model_error("yaml: " + e.msg, at(e.mark, file_name));
  }
  std::vector<tree> documents;
  documents.reserve(std::max<std::size_t>(raw.size(), 1));
  for (const auto& doc : raw) documents.push_back(document_tree(doc, file_name));
  if (documents.empty()) documents.push_back(empty_mapping(file_name, YAML::Mark()));
  return documents;
}

}  // namespace

std::vector<tree> parse_yaml_documents(const std::string& content, const std::string& file_name) {
  std::vector<source_location> starts;
  return parse_stream(content, file_name, starts);
}

tree parse_yaml(const std::string& content, const std::string& file_name) {
  std::vector<source_location> starts;
  auto documents = parse_stream(content, file_name, starts);
  if (documents.size() > 1) throw model_error("multiple YAML documents in one file are not supported", starts[1]);
  return std::move(documents.front());
}

scalar_type resolve_scalar(const tree& t) {
  if (t.is_null()) return scalar_type::null;
  if (t.is_string || !t.is_scalar()) return scalar_type::string;
  const std::string& s = t.text;
  if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") return scalar_type::null;
  if (s == "true" || s == "True" || s == "TRUE" || s == "false" || s == "False" || s == "FALSE")
    return scalar_type::boolean;
  const char c = s[0];  // cheap pre-check: most strings cannot be numbers
  if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.')) return scalar_type::string;
  static const std::regex int_re(R"([-+]?(0|[1-9][0-9_]*|0[0-7_]+|0o[0-7_]+|0x[0-9a-fA-F_]+|0b[01_]+))");
  static const std::regex float_re(
      R"([-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))");
  if (std::regex_match(s, int_re)) return scalar_type::integer;
  if (std::regex_match(s, float_re)) return scalar_type::floating;
  return scalar_type::string;
}

}  // namespace stackctl::model::detail
