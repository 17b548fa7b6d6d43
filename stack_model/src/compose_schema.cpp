#include "compose_schema.hpp"

#include <charconv>
#include <deque>
#include <map>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "stackctl/model/model_error.hpp"
#include "stackctl/model/text.hpp"

namespace stackctl::model::detail {

extern const char* const compose_spec_json;  // generated from stack_model/schema/compose-spec.json

namespace {

using json = nlohmann::json;

enum type_bit : unsigned {
  t_null = 1,
  t_boolean = 2,
  t_integer = 4,
  t_number = 8,
  t_string = 16,
  t_array = 32,
  t_object = 64,
};

unsigned type_of(const std::string& name) {
  if (name == "null") return t_null;
  if (name == "boolean") return t_boolean;
  if (name == "integer") return t_integer;
  if (name == "number") return t_number | t_integer;
  if (name == "string") return t_string;
  if (name == "array") return t_array;
  if (name == "object") return t_object;
  throw std::logic_error("compose-spec.json: unknown type " + name);
}

std::string type_names(unsigned types) {
  std::vector<std::string> names;
  if (types & t_object) names.emplace_back("mapping");
  if (types & t_array) names.emplace_back("list");
  if (types & t_string) names.emplace_back("string");
  if (types & t_number) names.emplace_back("number");
  else if (types & t_integer) names.emplace_back("integer");
  if (types & t_boolean) names.emplace_back("boolean");
  if (types & t_null) names.emplace_back("null");
  if (names.empty()) return "value";
  std::string out = names.front();
  for (size_t i = 1; i < names.size(); ++i) out += (i + 1 == names.size() ? " or " : ", ") + names[i];
  return out;
}

// A patternProperties key. The schema's patterns are few; the common ones are matched by hand.
struct key_pattern {
  enum class kind { extension, name, non_empty, lower, regex } k = kind::regex;
  std::regex re;

  explicit key_pattern(const std::string& p) {
    if (p == "^x-") k = kind::extension;
    else if (p == "^[a-zA-Z0-9._-]+$") k = kind::name;
    else if (p == "^.+$" || p == ".+") k = kind::non_empty;
    else if (p == "^[a-z]+$") k = kind::lower;
    else re = std::regex(p, std::regex::ECMAScript);
  }
  bool matches(const std::string& key) const {
    auto all = [&](auto ok) {
      if (key.empty()) return false;
      for (char c : key)
        if (!ok(c)) return false;
      return true;
    };
    switch (k) {
      case kind::extension: return key.rfind("x-", 0) == 0;
      case kind::name:
        return all([](char c) {
          return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
                 c == '-';
        });
      case kind::non_empty: return all([](char c) { return c != '\n' && c != '\r'; });
      case kind::lower: return all([](char c) { return c >= 'a' && c <= 'z'; });
      case kind::regex: return std::regex_search(key, re);
    }
    return false;
  }
};

struct node {
  unsigned types = 0;  // 0: any type
  bool never = false;  // the schema `false`
  std::map<std::string, const node*, std::less<>> properties;
  std::vector<std::pair<key_pattern, const node*>> pattern_properties;
  bool no_additional = false;
  const node* additional = nullptr;
  std::vector<std::string> required;
  const node* items = nullptr;
  bool unique_items = false;
  std::vector<const node*> one_of, any_of, all_of;
  std::vector<json> enum_values;
  std::optional<json> const_value;
  std::optional<double> minimum, maximum;
  std::optional<std::regex> pattern;
  std::string pattern_text;
  const node* ref = nullptr;
};

class compiled_schema {
 public:
  explicit compiled_schema(const json& doc) : doc_(doc) { root_ = compile(doc_, ""); }
  const node& root() const { return *root_; }

 private:
  const node* compile(const json& j, const std::string& pointer) {
    if (auto it = by_pointer_.find(pointer); it != by_pointer_.end()) return it->second;
    node& n = nodes_.emplace_back();
    by_pointer_.emplace(pointer, &n);
    if (j.is_boolean()) {  // `true` accepts anything; `false` nothing
      n.never = !j.get<bool>();
      return &n;
    }
    for (const auto& [key, value] : j.items()) {
      const std::string here = pointer + "/" + key;
      if (key == "type") {
        if (value.is_string()) n.types = type_of(value.get<std::string>());
        else
          for (const auto& t : value) n.types |= type_of(t.get<std::string>());
      } else if (key == "properties") {
        for (const auto& [name, sub] : value.items()) n.properties.emplace(name, compile(sub, here + "/" + name));
      } else if (key == "patternProperties") {
        for (const auto& [pat, sub] : value.items())
          n.pattern_properties.emplace_back(key_pattern(pat), compile(sub, here + "/" + pat));
      } else if (key == "additionalProperties") {
        if (value.is_boolean()) n.no_additional = !value.get<bool>();
        else n.additional = compile(value, here);
      } else if (key == "required") {
        n.required = value.get<std::vector<std::string>>();
      } else if (key == "items") {
        n.items = compile(value, here);
      } else if (key == "uniqueItems") {
        n.unique_items = value.get<bool>();
      } else if (key == "oneOf" || key == "anyOf" || key == "allOf") {
        auto& list = key == "oneOf" ? n.one_of : key == "anyOf" ? n.any_of : n.all_of;
        for (size_t i = 0; i < value.size(); ++i) list.push_back(compile(value[i], here + "/" + std::to_string(i)));
      } else if (key == "enum") {
        n.enum_values = value.get<std::vector<json>>();
      } else if (key == "const") {
        n.const_value = value;
      } else if (key == "minimum") {
        n.minimum = value.get<double>();
      } else if (key == "maximum") {
        n.maximum = value.get<double>();
      } else if (key == "pattern") {
        n.pattern_text = value.get<std::string>();
        n.pattern = std::regex(n.pattern_text, std::regex::ECMAScript);
      } else if (key == "$ref") {
        const std::string target = value.get<std::string>();
        if (target.rfind('#', 0) != 0) throw std::logic_error("compose-spec.json: non-local $ref " + target);
        n.ref = compile(doc_.at(json::json_pointer(target.substr(1))), target.substr(1));
      } else if (key == "$defs" || key == "definitions") {
        for (const auto& [name, sub] : value.items()) compile(sub, here + "/" + name);
      }
      // description, title, default, deprecated, $schema, $id, format: no verdict of their own.
    }
    return &n;
  }

  const json& doc_;
  std::deque<node> nodes_;
  std::map<std::string, const node*> by_pointer_;
  const node* root_ = nullptr;
};

const compiled_schema& schema() {
  static const json doc = json::parse(compose_spec_json);
  static const compiled_schema compiled(doc);
  return compiled;
}

// --- the tree's values as JSON Schema sees them ---

bool reads_as_integer(const std::string& s) {
  long long v = 0;
  const char* b = s.data() + (!s.empty() && s[0] == '+' ? 1 : 0);
  auto [p, ec] = std::from_chars(b, s.data() + s.size(), v);
  return !s.empty() && ec == std::errc() && p == s.data() + s.size();
}

bool reads_as_number(const std::string& s) {
  double v = 0;
  const char* b = s.data() + (!s.empty() && s[0] == '+' ? 1 : 0);
  auto [p, ec] = std::from_chars(b, s.data() + s.size(), v);
  return !s.empty() && ec == std::errc() && p == s.data() + s.size();
}

bool reads_as_boolean(const std::string& s) {
  const std::string l = text::lower(s);
  for (const char* b : {"true", "false", "y", "yes", "on", "n", "no", "off"})
    if (l == b) return true;
  return false;
}

// The fields compose converts from text after interpolation (compose-go loader/interpolate.go,
// interpolateTypeCastMapping): a string there that reads as the field's type is that type.
struct cast_rule {
  std::vector<std::string_view> pattern;  // "*": any key, "[]": any list item
  unsigned type;
};

const std::vector<cast_rule>& cast_rules() {
  static const std::vector<cast_rule> rules = [] {
    std::vector<cast_rule> r;
    auto service = [&](std::initializer_list<std::string_view> rest, unsigned type) {
      cast_rule c{{"services", "*"}, type};
      c.pattern.insert(c.pattern.end(), rest.begin(), rest.end());
      r.push_back(std::move(c));
    };
    const unsigned integer = t_integer | t_number, number = t_number, boolean = t_boolean;
    for (auto f : {"cpu_count", "cpu_period", "cpu_quota", "cpu_rt_period", "cpu_rt_runtime", "cpu_shares",
                   "oom_score_adj", "pids_limit", "scale"})
      service({f}, integer);
    service({"cpu_percent"}, number);
    service({"cpus"}, number);
    for (auto f : {"init", "oom_kill_disable", "privileged", "read_only", "stdin_open", "tty"}) service({f}, boolean);
    service({"depends_on", "*", "required"}, boolean);
    service({"depends_on", "*", "restart"}, boolean);
    service({"deploy", "replicas"}, integer);
    service({"deploy", "update_config", "parallelism"}, integer);
    service({"deploy", "update_config", "max_failure_ratio"}, number);
    service({"deploy", "rollback_config", "parallelism"}, integer);
    service({"deploy", "rollback_config", "max_failure_ratio"}, number);
    service({"deploy", "restart_policy", "max_attempts"}, integer);
    service({"deploy", "placement", "max_replicas_per_node"}, integer);
    service({"healthcheck", "retries"}, integer);
    service({"healthcheck", "disable"}, boolean);
    service({"ports", "[]", "target"}, integer);
    service({"ulimits", "*"}, integer);
    service({"ulimits", "*", "hard"}, integer);
    service({"ulimits", "*", "soft"}, integer);
    service({"volumes", "[]", "read_only"}, boolean);
    service({"volumes", "[]", "volume", "nocopy"}, boolean);
    for (auto f : {"external", "internal", "attachable", "enable_ipv4", "enable_ipv6"})
      r.push_back({{"networks", "*", f}, boolean});
    for (auto kind : {"volumes", "secrets", "configs"}) r.push_back({{kind, "*", "external"}, boolean});
    return r;
  }();
  return rules;
}

unsigned cast_at(const std::vector<std::string_view>& path) {
  for (const auto& rule : cast_rules()) {
    if (rule.pattern.size() != path.size()) continue;
    bool match = true;
    for (size_t i = 0; match && i < path.size(); ++i)
      match = rule.pattern[i] == "*" ? path[i] != "[]" : rule.pattern[i] == path[i];
    if (match) return rule.type;
  }
  return 0;
}

// The types a value satisfies; `cast` is the type compose converts this field's text to, or 0.
unsigned types_of(const tree& t, unsigned cast) {
  switch (t.k) {
    case tree::kind::null: return t_null;
    case tree::kind::mapping: return t_object;
    case tree::kind::sequence: return t_array;
    case tree::kind::scalar: break;
  }
  if (!t.is_string) {
    switch (resolve_scalar(t)) {
      case scalar_type::null: return t_null;
      case scalar_type::boolean: return t_boolean;
      case scalar_type::integer: return t_integer | t_number;
      case scalar_type::floating: return t_number;
      case scalar_type::string: break;
    }
  }
  if ((cast & t_integer) && reads_as_integer(t.text)) return t_integer | t_number;
  if ((cast & t_number) && !(cast & t_integer) && reads_as_number(t.text)) return t_number;
  if ((cast & t_boolean) && reads_as_boolean(t.text)) return t_boolean;
  return t_string;
}

const char* type_name_of(unsigned have) {
  if (have & t_object) return "a mapping";
  if (have & t_array) return "a list";
  if (have & t_null) return "empty";
  if (have & t_boolean) return "a boolean";
  if (have & t_number) return "a number";
  return "a string";
}

json scalar_json(const tree& t) {
  if (t.is_null()) return nullptr;
  if (!t.is_scalar()) return json();
  if (!t.is_string) {
    switch (resolve_scalar(t)) {
      case scalar_type::null: return nullptr;
      case scalar_type::boolean: return text::lower(t.text) == "true";
      case scalar_type::integer:
        if (reads_as_integer(t.text)) return std::stoll(t.text);
        break;
      case scalar_type::floating:
        if (reads_as_number(t.text)) return std::stod(t.text);
        break;
      case scalar_type::string: break;
    }
  }
  return t.text;
}

// A canonical text of a value, to compare list items (uniqueItems).
std::string identity(const tree& t) {
  if (t.is_scalar()) return scalar_json(t).dump();
  if (t.is_null()) return "null";
  std::string out = t.is_map() ? "{" : "[";
  if (t.is_map())
    for (const auto& [k, v] : t.map) out += json(k).dump() + ":" + identity(v) + ",";
  else
    for (const auto& v : t.seq) out += identity(v) + ",";
  return out + (t.is_map() ? "}" : "]");
}

// --- validation ---

struct failure {
  int depth = -1;  // how deep in the document: the deepest failure is the one reported
  std::string message;
  source_location where;
  std::string path;
  unsigned wanted_types = 0;  // set when the failure is a type mismatch
};

class validator {
 public:
  bool check(const node& n, const tree& t, const std::string& path, int depth, failure& out) {
    if (n.never) return fail(out, depth, t, path, "is not allowed here");
    if (n.ref && !check(*n.ref, t, path, depth, out)) return false;
    const unsigned have = types_of(t, t.is_scalar() ? cast_at(segments_) : 0);
    if (n.types && !(n.types & have))
      return fail(out, depth, t, path, fmt::format("must be a {}, not {}", type_names(n.types), type_name_of(have)),
                  n.types);
    if (!n.enum_values.empty() || n.const_value) {
      const json v = scalar_json(t);
      bool found = false;
      for (const auto& e : n.enum_values) found = found || e == v || (e.is_string() && t.is_scalar() && e == t.text);
      if (n.const_value) found = *n.const_value == v;
      if (!found) {
        std::string allowed;
        for (const auto& e : n.enum_values) allowed += (allowed.empty() ? "" : ", ") + e.dump();
        return fail(out, depth, t, path,
                    n.const_value ? "must be " + n.const_value->dump() : "must be one of " + allowed);
      }
    }
    if (t.is_scalar() && (n.minimum || n.maximum) && (have & t_number)) {
      const double v = std::stod(t.text);
      if (n.minimum && v < *n.minimum)
        return fail(out, depth, t, path, fmt::format("must be greater than or equal to {}", *n.minimum));
      if (n.maximum && v > *n.maximum)
        return fail(out, depth, t, path, fmt::format("must be less than or equal to {}", *n.maximum));
    }
    if (n.pattern && t.is_scalar() && !std::regex_search(t.text, *n.pattern))
      return fail(out, depth, t, path, fmt::format("'{}' does not match the pattern '{}'", t.text, n.pattern_text));
    if (t.is_map() && !check_object(n, t, path, depth, out)) return false;
    if (t.is_seq() && !check_array(n, t, path, depth, out)) return false;
    for (const node* sub : n.all_of)
      if (!check(*sub, t, path, depth, out)) return false;
    if (!n.any_of.empty() && !check_alternatives(n.any_of, false, t, path, depth, out)) return false;
    if (!n.one_of.empty() && !check_alternatives(n.one_of, true, t, path, depth, out)) return false;
    return true;
  }

 private:
  // The keys from the root to the value being checked ("[]" for a list item): what cast_at reads.
  struct segment {
    segment(std::vector<std::string_view>& s, std::string_view key) : segments(s) { segments.push_back(key); }
    ~segment() { segments.pop_back(); }
    segment(const segment&) = delete;
    segment& operator=(const segment&) = delete;
    std::vector<std::string_view>& segments;
  };
  std::vector<std::string_view> segments_;

  static bool fail(failure& out, int depth, const tree& t, const std::string& path, std::string message,
                   unsigned wanted = 0) {
    out = failure{depth, std::move(message), t.where, path, wanted};
    return false;
  }

  bool check_object(const node& n, const tree& t, const std::string& path, int depth, failure& out) {
    for (const auto& name : n.required)
      if (!t.find(name)) return fail(out, depth, t, path, fmt::format("missing property '{}'", name));
    for (const auto& [key, value] : t.map) {
      const std::string child = text::child_path(path, key);
      const segment here(segments_, key);
      bool known = false;
      if (auto it = n.properties.find(key); it != n.properties.end()) {
        known = true;
        if (!check(*it->second, value, child, depth + 1, out)) return false;
      }
      for (const auto& [pattern, sub] : n.pattern_properties)
        if (pattern.matches(key)) {
          known = true;
          if (!check(*sub, value, child, depth + 1, out)) return false;
        }
      if (known) continue;
      if (n.no_additional)
        return fail(out, depth + 1, value, child, fmt::format("additional properties '{}' not allowed", key));
      if (n.additional && !check(*n.additional, value, child, depth + 1, out)) return false;
    }
    return true;
  }

  bool check_array(const node& n, const tree& t, const std::string& path, int depth, failure& out) {
    if (n.items) {
      const segment here(segments_, "[]");
      for (size_t i = 0; i < t.seq.size(); ++i)
        if (!check(*n.items, t.seq[i], text::index_path(path, i), depth + 1, out)) return false;
    }
    if (n.unique_items) {
      std::map<std::string, size_t> seen;
      for (size_t i = 0; i < t.seq.size(); ++i)
        if (auto [it, fresh] = seen.emplace(identity(t.seq[i]), i); !fresh)
          return fail(out, depth + 1, t.seq[i], text::index_path(path, i),
                      fmt::format("is the same as item {} (items must be unique)", it->second));
    }
    return true;
  }

  // oneOf (exactly one alternative holds) or anyOf (at least one). When none holds, the deepest
  // failure is reported; if every alternative wanted another type here, one line names them all.
  bool check_alternatives(const std::vector<const node*>& alternatives, bool exactly_one, const tree& t,
                          const std::string& path, int depth, failure& out) {
    size_t passed = 0;
    std::vector<failure> failures;
    for (const node* alt : alternatives) {
      failure f;
      if (check(*alt, t, path, depth, f)) {
        ++passed;
        if (!exactly_one) return true;
      } else {
        failures.push_back(std::move(f));
      }
    }
    if (passed == 1 || (passed > 1 && !exactly_one)) return true;
    if (passed > 1) return fail(out, depth, t, path, "matches more than one of the forms it may take");
    unsigned wanted = 0;
    bool all_types_here = true;
    for (const auto& f : failures) {
      wanted |= f.wanted_types;
      all_types_here = all_types_here && f.wanted_types && f.depth == depth;
    }
    if (all_types_here)
      return fail(out, depth, t, path,
                  fmt::format("must be a {}, not {}", type_names(wanted),
                              type_name_of(types_of(t, t.is_scalar() ? cast_at(segments_) : 0))),
                  wanted);
    // The deepest; at one depth, an alternative whose type matched says more than one that did not.
    const failure* best = &failures.front();
    for (const auto& f : failures)
      if (f.depth > best->depth || (f.depth == best->depth && best->wanted_types && !f.wanted_types)) best = &f;
    out = *best;
    return false;
  }
};

}  // namespace

void validate_compose_schema(const tree& doc) {
  failure f;
  validator v;
  if (!v.check(schema().root(), doc, "", 0, f)) throw model_error(f.message, f.where, f.path);
}

}  // namespace stackctl::model::detail
