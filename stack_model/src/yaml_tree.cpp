#include "yaml_tree.hpp"

#include <cctype>
#include <regex>
#include <unordered_set>

#include <yaml-cpp/yaml.h>

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

source_location at(const YAML::Mark& m, const std::string& file) {
  if (m.is_null()) return {file, 0, 0};
  return {file, m.line + 1, m.column + 1};
}

tree convert(const YAML::Node& n, const std::string& file, int depth) {
  if (depth > 200) throw model_error("YAML nesting too deep", at(n.Mark(), file));
  tree t;
  t.where = at(n.Mark(), file);
  const std::string& tag = n.Tag();
  if (tag == "!reset" || tag == "!override") t.tag = tag;
  switch (n.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
      t.k = tree::kind::null;
      break;
    case YAML::NodeType::Scalar:
      t.k = tree::kind::scalar;
      t.text = n.Scalar();
      // yaml-cpp tags plain scalars "?" and quoted/block ones "!".
      t.is_string = tag != "?" && tag != "!reset" && tag != "!override";
      if (!t.tag.empty()) t.is_string = false;
      break;
    case YAML::NodeType::Sequence:
      t.k = tree::kind::sequence;
      t.seq.reserve(n.size());
      for (const auto& item : n) t.seq.push_back(convert(item, file, depth + 1));
      break;
    case YAML::NodeType::Map:
      t.k = tree::kind::mapping;
      t.map.reserve(n.size());
      std::unordered_set<std::string> seen;  // duplicate keys, without a quadratic scan
      for (const auto& kv : n) {
        std::string key = kv.first.IsScalar() ? kv.first.Scalar() : std::string();
        if (!kv.first.IsScalar() && !kv.first.IsNull())
          throw model_error("mapping keys must be strings", at(kv.first.Mark(), file));
        if (key == "<<") {  // YAML merge key: fold the anchored mapping(s) in, local keys win
          auto merge_one = [&](const YAML::Node& src) {
            if (!src.IsMap()) throw model_error("merge key '<<' needs a mapping", at(src.Mark(), file));
            for (const auto& skv : src) {
              std::string sk = skv.first.Scalar();
              if (!seen.count(sk) && !n[sk]) {
                seen.insert(sk);
                t.map.emplace_back(sk, convert(skv.second, file, depth + 1));
              }
            }
          };
          if (kv.second.IsSequence())
            for (const auto& s : kv.second) merge_one(s);
          else
            merge_one(kv.second);
          continue;
        }
        if (!seen.insert(key).second)
          throw model_error("mapping key \"" + key + "\" already defined", at(kv.first.Mark(), file));
        t.map.emplace_back(key, convert(kv.second, file, depth + 1));
      }
      break;
  }
  return t;
}

}  // namespace

tree parse_yaml(const std::string& content, const std::string& file_name) {
  std::vector<YAML::Node> docs;
  try {
    docs = YAML::LoadAll(content);
  } catch (const YAML::Exception& e) {
    throw model_error("yaml: " + e.msg, at(e.mark, file_name));
  }
  if (docs.empty()) return tree{tree::kind::mapping, {}, false, {}, {}, {}, {file_name, 0, 0}};
  if (docs.size() > 1)
    throw model_error("multiple YAML documents in one file are not supported", {file_name, 0, 0});
  tree t = convert(docs.front(), file_name, 0);
  if (t.is_null()) t.k = tree::kind::mapping;
  if (!t.is_map()) throw model_error("top-level object must be a mapping", t.where);
  return t;
}

scalar_type resolve_scalar(const tree& t) {
  if (t.is_null()) return scalar_type::null;
  if (t.is_string || !t.is_scalar()) return scalar_type::string;
  const std::string& s = t.text;
  if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") return scalar_type::null;
  if (s == "true" || s == "True" || s == "TRUE" || s == "false" || s == "False" || s == "FALSE")
    return scalar_type::boolean;
  const char c = s[0];  // cheap pre-check: most strings cannot be numbers
  if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.'))
    return scalar_type::string;
  static const std::regex int_re(R"([-+]?(0|[1-9][0-9_]*|0[0-7_]+|0o[0-7_]+|0x[0-9a-fA-F_]+|0b[01_]+))");
  static const std::regex float_re(
      R"([-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))");
  if (std::regex_match(s, int_re)) return scalar_type::integer;
  if (std::regex_match(s, float_re)) return scalar_type::floating;
  return scalar_type::string;
}

}  // namespace stackctl::model::detail
