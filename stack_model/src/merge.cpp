#include "merge.hpp"

#include <algorithm>
#include <string>
#include <unordered_map>
#include <vector>

namespace stackctl::model::detail {

namespace {

using path_t = std::vector<std::string>;

// Does `p` match a pattern like {"services", "*", "ports"}?
bool match(const path_t& p, std::initializer_list<const char*> pattern) {
  if (p.size() != pattern.size()) return false;
  size_t i = 0;
  for (const char* seg : pattern) {
    if (std::string_view(seg) != "*" && p[i] != seg) return false;
    ++i;
  }
  return true;
}

bool is_service_field(const path_t& p, const char* field) {
  return p.size() == 3 && p[0] == "services" && p[2] == field;
}

// Fields that are a mapping or a "KEY=VALUE" list: merged key by key.
bool is_mapping_or_list(const path_t& p) {
  for (const char* f : {"environment", "labels", "annotations", "sysctls"})
    if (is_service_field(p, f)) return true;
  return match(p, {"services", "*", "build", "args"}) || match(p, {"services", "*", "build", "labels"}) ||
         match(p, {"services", "*", "build", "additional_contexts"}) || match(p, {"services", "*", "deploy", "labels"});
}

// compose-go's override and mergeUlimit: the later file's value replaces the entry whole (an ulimit
// {soft, hard} is never merged key by key).
bool replaced_wholesale(const path_t& p) {
  return is_service_field(p, "command") || is_service_field(p, "entrypoint") ||
         match(p, {"services", "*", "healthcheck", "test"}) || match(p, {"services", "*", "ulimits", "*"});
}

// compose-go mergeToSequence: a single string is a one-item list, so two files' values are appended.
bool string_is_a_sequence(const path_t& p) {
  for (const char* f : {"env_file", "label_file", "dns", "dns_opt", "dns_search", "tmpfs"})
    if (is_service_field(p, f)) return true;
  return false;
}

// depends_on / networks may be a list of names: turn them into a mapping of name → null.
bool list_to_map_field(const path_t& p) {
  return is_service_field(p, "depends_on") || is_service_field(p, "networks") || is_service_field(p, "models");
}

tree to_keyed_map(const tree& t, char sep) {
  if (!t.is_seq()) return t;
  tree m;
  m.k = tree::kind::mapping;
  m.where = t.where;
  for (const auto& item : t.seq) {
    if (!item.is_scalar()) {
      m.map.emplace_back("", item);  // malformed; validation reports it later
      continue;
    }
    std::string key = item.text;
    tree value;
    value.where = item.where;
    auto split_at = item.text.find('=');
    if (sep == ':' && split_at == std::string::npos) split_at = item.text.find(':');
    if (split_at != std::string::npos) {
      key = item.text.substr(0, split_at);
      value.k = tree::kind::scalar;
      value.is_string = true;
      value.text = item.text.substr(split_at + 1);
    }
    m.set(key, value);
  }
  return m;
}

// A list of names as a mapping: networks → name: null; depends_on → name: {condition:
// service_started, required: true}, its long form's defaults (compose-go mergeDependsOn).
tree names_to_map(const tree& t, bool dependencies) {
  if (!t.is_seq()) return t;
  tree m;
  m.k = tree::kind::mapping;
  m.where = t.where;
  for (const auto& item : t.seq) {
    tree v;
    v.where = item.where;
    if (dependencies) {
      auto scalar = [&](const char* text, bool is_string) {
        tree s;
        s.k = tree::kind::scalar;
        s.text = text;
        s.is_string = is_string;
        s.where = item.where;
        return s;
      };
      v.k = tree::kind::mapping;
      v.map.emplace_back("condition", scalar("service_started", true));
      v.map.emplace_back("required", scalar("true", false));
    }
    m.set(item.is_scalar() ? item.text : std::string(), v);
  }
  return m;
}

std::string scalar_or_empty(const tree* t) { return t && t->is_scalar() ? t->text : std::string(); }

// The identity of a list item for de-duplication; empty = never de-duplicated.
std::string item_key(const path_t& p, const tree& item) {
  const bool svc = p.size() == 3 && p[0] == "services";
  if (!svc) return item.is_scalar() ? item.text : std::string();
  const std::string& f = p[2];
  if (f == "volumes" || f == "devices") {
    if (item.is_map()) return scalar_or_empty(item.find("target"));
    if (!item.is_scalar()) return {};
    // short syntax: the target is the second field (or the only one)
    std::string s = item.text;
    auto first = s.find(':');
    if (first == 1 && s.size() > 2) first = s.find(':', 2);  // Windows drive letter
    if (first == std::string::npos) return s;
    std::string rest = s.substr(first + 1);
    auto second = rest.find(':');
    return second == std::string::npos ? rest : rest.substr(0, second);
  }
  if (f == "ports") {
    if (item.is_scalar()) return item.text;
    if (!item.is_map()) return {};
    std::string proto = scalar_or_empty(item.find("protocol"));
    return scalar_or_empty(item.find("host_ip")) + ":" + scalar_or_empty(item.find("published")) + ":" +
           scalar_or_empty(item.find("target")) + "/" + (proto.empty() ? "tcp" : proto);
  }
  if (f == "secrets" || f == "configs") {
    const std::string prefix = f == "secrets" ? "/run/secrets/" : "/";
    if (item.is_scalar()) return prefix + item.text;
    if (!item.is_map()) return {};
    std::string target = scalar_or_empty(item.find("target"));
    return target.empty() ? prefix + scalar_or_empty(item.find("source")) : target;
  }
  if (f == "env_file" || f == "label_file") {
    if (item.is_map()) return scalar_or_empty(item.find("path"));
    return item.is_scalar() ? item.text : std::string();
  }
  return item.is_scalar() ? item.text : std::string();
}

void merge_node(tree& base, tree over, path_t& p);

// compose-go convertIntoSequence: a mapping becomes the sorted "host=ip" list (a list value one entry
// per address, a null value the bare key); a list stays.
tree host_sequence(const tree& t) {
  if (!t.is_map()) return t;
  tree list;
  list.k = tree::kind::sequence;
  list.where = t.where;
  auto entry = [&](const std::string& text, const tree& at) {
    tree s;
    s.k = tree::kind::scalar;
    s.is_string = true;
    s.text = text;
    s.where = at.where;
    list.seq.push_back(std::move(s));
  };
  for (const auto& [k, v] : t.map) {
    if (v.is_null()) entry(k, v);
    else if (v.is_seq())
      for (const auto& ip : v.seq) entry(k + "=" + ip.text, ip);
    else entry(k + "=" + v.text, v);
  }
  std::sort(list.seq.begin(), list.seq.end(), [](const tree& a, const tree& b) { return a.text < b.text; });
  return list;
}

// compose-go mergeExtraHosts: both as lists, the later file's entries appended unless already there.
void merge_extra_hosts(tree& base, tree over) {
  base = host_sequence(base);
  over = host_sequence(over);
  if (!base.is_seq() || !over.is_seq()) {
    strip_tags(over);
    base = std::move(over);
    return;
  }
  const size_t before = base.seq.size();
  for (auto& item : over.seq) {
    strip_tags(item);
    const bool present =
        std::any_of(base.seq.begin(), base.seq.begin() + static_cast<std::ptrdiff_t>(before),
                    [&](const tree& e) { return e.is_scalar() && item.is_scalar() && e.text == item.text; });
    if (!present) base.seq.push_back(std::move(item));
  }
}

void merge_maps(tree& base, tree over, path_t& p) {
  // Index the base keys so merging two large files (thousands of services) stays linear.
  std::unordered_map<std::string, size_t> index;
  index.reserve(base.map.size());
  for (size_t i = 0; i < base.map.size(); ++i) index.emplace(base.map[i].first, i);
  for (auto& [key, value] : over.map) {
    if (value.tag == "!reset") {
      if (index.count(key)) {
        base.erase(key);
        index.clear();
        for (size_t i = 0; i < base.map.size(); ++i) index.emplace(base.map[i].first, i);
      }
      continue;
    }
    auto found = index.find(key);
    tree* existing = found == index.end() ? nullptr : &base.map[found->second].second;
    if (!existing || value.tag == "!override") {
      value.tag.clear();
      strip_tags(value);
      if (existing) {
        *existing = std::move(value);
      } else {
        index.emplace(key, base.map.size());
        base.map.emplace_back(key, std::move(value));
      }
      continue;
    }
    p.push_back(key);
    merge_node(*existing, std::move(value), p);
    p.pop_back();
  }
}

void merge_node(tree& base, tree over, path_t& p) {
  if (replaced_wholesale(p)) {
    strip_tags(over);
    base = std::move(over);
    return;
  }
  if (is_mapping_or_list(p)) {
    base = to_keyed_map(base, '=');
    over = to_keyed_map(over, '=');
  }
  if (is_service_field(p, "extra_hosts") || match(p, {"services", "*", "build", "extra_hosts"})) {
    merge_extra_hosts(base, std::move(over));
    return;
  }
  if (string_is_a_sequence(p)) {
    auto wrap = [](tree& t) {
      if (!t.is_scalar()) return;
      tree list;
      list.k = tree::kind::sequence;
      list.where = t.where;
      list.seq.push_back(t);
      t = std::move(list);
    };
    wrap(base);
    wrap(over);
  }
  if (list_to_map_field(p)) {
    const bool dependencies = is_service_field(p, "depends_on");
    base = names_to_map(base, dependencies);
    over = names_to_map(over, dependencies);
  }
  if (is_service_field(p, "build")) {
    auto wrap = [](tree& t) {
      if (!t.is_scalar()) return;
      tree m;
      m.k = tree::kind::mapping;
      m.where = t.where;
      m.map.emplace_back("context", t);
      t = std::move(m);
    };
    wrap(base);
    wrap(over);
  }
  if (is_service_field(p, "logging") && base.is_map() && over.is_map()) {
    const std::string a = scalar_or_empty(base.find("driver"));
    const std::string b = scalar_or_empty(over.find("driver"));
    if (!a.empty() && !b.empty() && a != b) {
      strip_tags(over);
      base = std::move(over);
      return;
    }
  }
  if (base.is_map() && over.is_map()) {
    merge_maps(base, std::move(over), p);
    return;
  }
  if (base.is_seq() && over.is_seq()) {
    for (auto& item : over.seq) {
      strip_tags(item);
      const std::string key = item_key(p, item);
      bool replaced = false;
      if (!key.empty()) {
        for (auto& existing : base.seq)
          if (item_key(p, existing) == key) {
            existing = item;
            replaced = true;
            break;
          }
      }
      if (!replaced) base.seq.push_back(std::move(item));
    }
    return;
  }
  strip_tags(over);
  base = std::move(over);
}

}  // namespace

void strip_tags(tree& doc) {
  doc.tag.clear();
  if (doc.is_map()) {
    std::vector<tree_entry> kept;
    kept.reserve(doc.map.size());
    for (auto& [k, v] : doc.map) {
      if (v.tag == "!reset") continue;
      strip_tags(v);
      kept.emplace_back(std::move(k), std::move(v));
    }
    doc.map = std::move(kept);
  } else if (doc.is_seq()) {
    for (auto& item : doc.seq) strip_tags(item);
  }
}

void merge_documents(tree& base, tree override_file) {
  path_t p;
  merge_maps(base, std::move(override_file), p);
}

void merge_at(tree& base, tree over, std::vector<std::string> path) { merge_node(base, std::move(over), path); }

}  // namespace stackctl::model::detail
