// Loading an env schema file into env_schema, with every mistake located (file:line:column + path).
#include "stackctl/model/env_schema.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <set>

#include <fmt/format.h>

#include "input_guard.hpp"
#include "stackctl/model/env_validation.hpp"
#include "stackctl/model/text.hpp"
#include "stackctl/model/volume_spec.hpp"
#include "yaml_tree.hpp"

namespace stackctl::model {

namespace fs = std::filesystem;
using detail::tree;

namespace {

struct type_name {
  env_var_type type;
  const char* name;
};
constexpr type_name type_names[] = {
    {env_var_type::string, "string"},     {env_var_type::int_, "int"},
    {env_var_type::float_, "float"},      {env_var_type::bool_, "bool"},
    {env_var_type::enum_, "enum"},        {env_var_type::url, "url"},
    {env_var_type::csv, "csv"},           {env_var_type::file_path, "file_path"},
    {env_var_type::dir_path, "dir_path"}, {env_var_type::mount_source, "mount_source"},
};

// Walks the tree with the dotted path at hand, so each error names where it is.
class reader {
 public:
  explicit reader(std::string file) : file_(std::move(file)) {}

  [[noreturn]] void fail(const tree& at, const std::string& path, const std::string& message) const {
    source_location where = at.where;
    if (where.file.empty()) where.file = file_;
    throw model_error(message, where, path);
  }

  void only_fields(const tree& t, const std::string& path, std::initializer_list<std::string_view> allowed) const {
    for (const auto& [k, v] : t.map)
      if (std::find(allowed.begin(), allowed.end(), k) == allowed.end())
        fail(v, join(path, k), "unknown field \"" + k + "\"");
  }

  const tree& need_map(const tree& t, const std::string& path) const {
    if (!t.is_map()) fail(t, path, "must be a mapping");
    return t;
  }

  std::string scalar(const tree& t, const std::string& path) const {
    if (t.is_null()) return {};
    if (!t.is_scalar()) fail(t, path, "must be a string");
    return t.text;
  }

  std::string string_field(const tree& parent, std::string_view key, const std::string& path,
                           bool required = false) const {
    const tree* t = parent.find(key);
    const std::string p = join(path, key);
    if (!t) {
      if (required) fail(parent, path, "missing field \"" + std::string(key) + "\"");
      return {};
    }
    return scalar(*t, p);
  }

  bool bool_field(const tree& parent, std::string_view key, const std::string& path, bool fallback) const {
    const tree* t = parent.find(key);
    if (!t) return fallback;
    if (!t->is_scalar() || t->is_string || (t->text != "true" && t->text != "false"))
      fail(*t, join(path, key), "must be true or false");
    return t->text == "true";
  }

  std::optional<double> number_field(const tree& parent, std::string_view key, const std::string& path) const {
    const tree* t = parent.find(key);
    if (!t) return std::nullopt;
    const std::string text = scalar(*t, join(path, key));
    char* end = nullptr;
    errno = 0;
    const double d = std::strtod(text.c_str(), &end);
    if (text.empty() || end != text.c_str() + text.size() || errno != 0 || !std::isfinite(d))
      fail(*t, join(path, key), "must be a number");
    return d;
  }

  // A string or a list of strings (description lines).
  std::vector<std::string> lines_field(const tree& parent, std::string_view key, const std::string& path) const {
    const tree* t = parent.find(key);
    if (!t || t->is_null()) return {};
    const std::string p = join(path, key);
    if (t->is_scalar()) return {t->text};
    if (!t->is_seq()) fail(*t, p, "must be a string or a list of strings");
    std::vector<std::string> out;
    for (std::size_t i = 0; i < t->seq.size(); ++i) out.push_back(scalar(t->seq[i], text::index_path(p, i)));
    return out;
  }

  static std::string join(const std::string& path, std::string_view key) { return text::child_path(path, key); }

  const std::string& file() const { return file_; }

 private:
  std::string file_;
};

bool valid_key(std::string_view key) {
  if (key.empty() || std::isdigit(static_cast<unsigned char>(key[0]))) return false;
  return std::all_of(key.begin(), key.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}

env_var read_var(const reader& r, const tree& t, const std::string& path) {
  r.need_map(t, path);
  r.only_fields(t, path,
                {"key", "default", "description", "type", "required", "use_default", "choices", "ignore_case", "min",
                 "max", "url_schemes", "resolve", "create_on_deploy", "volume"});
  env_var v;
  v.where = t.where;
  v.key = r.string_field(t, "key", path, true);
  if (!valid_key(v.key)) r.fail(*t.find("key"), path + ".key", "\"" + v.key + "\" is not a valid variable name");
  v.default_value = r.string_field(t, "default", path);
  v.description = r.lines_field(t, "description", path);
  const std::string type = r.string_field(t, "type", path);
  if (!type.empty()) {
    const auto* it =
        std::find_if(std::begin(type_names), std::end(type_names), [&](const type_name& n) { return type == n.name; });
    if (it == std::end(type_names))
      r.fail(*t.find("type"), path + ".type",
             "unknown type \"" + type +
                 "\" (string, int, float, bool, enum, url, csv, file_path, dir_path, mount_source)");
    v.type = it->type;
  }
  v.required = r.bool_field(t, "required", path, false);
  v.use_default = r.bool_field(t, "use_default", path, false);
  if (t.find("choices")) {
    v.choices = r.lines_field(t, "choices", path);
    if (v.type != env_var_type::enum_) r.fail(*t.find("choices"), path + ".choices", "only an enum has choices");
  }
  if (v.type == env_var_type::enum_ && v.choices.empty()) r.fail(t, path, "an enum needs choices");
  v.ignore_case = r.bool_field(t, "ignore_case", path, false);
  v.min = r.number_field(t, "min", path);
  v.max = r.number_field(t, "max", path);
  if ((v.min || v.max) && v.type != env_var_type::int_ && v.type != env_var_type::float_)
    r.fail(*t.find(v.min ? "min" : "max"), path + (v.min ? ".min" : ".max"), "only int and float have bounds");
  if (v.min && v.max && *v.min > *v.max) r.fail(*t.find("max"), path + ".max", "max is below min");
  v.url_schemes = r.lines_field(t, "url_schemes", path);
  const bool is_path = v.type == env_var_type::file_path || v.type == env_var_type::dir_path;
  v.resolve = r.bool_field(t, "resolve", path, false);
  if (v.resolve && !is_path) r.fail(*t.find("resolve"), path + ".resolve", "only file_path and dir_path resolve");
  v.create_on_deploy = r.bool_field(t, "create_on_deploy", path, false);
  if (v.create_on_deploy && !v.resolve && v.type != env_var_type::mount_source)
    r.fail(*t.find("create_on_deploy"), path + ".create_on_deploy",
           "only a resolved path or a mount_source can be created on deploy");
  if (const tree* vol = t.find("volume")) {
    const std::string p = path + ".volume";
    if (v.type != env_var_type::mount_source) r.fail(*vol, p, "only a mount_source routes to a volume");
    r.need_map(*vol, p);
    r.only_fields(*vol, p, {"source", "name_variable"});
    env_volume_routing routing{r.string_field(*vol, "source", p, true), r.string_field(*vol, "name_variable", p, true)};
    if (!is_valid_volume_name(routing.source))
      r.fail(*vol->find("source"), p + ".source", "\"" + routing.source + "\" is not a volume key");
    if (!valid_key(routing.name_variable))
      r.fail(*vol->find("name_variable"), p + ".name_variable", "not a valid variable name");
    v.volume = std::move(routing);
  }
  // The default must pass the variable's own check (an empty default is "unset").
  if (!v.default_value.empty()) {
    const std::string problem = check_env_value(v, v.default_value);
    if (!problem.empty()) r.fail(t.find("default") ? *t.find("default") : t, path + ".default", problem);
  }
  if ((v.resolve || v.type == env_var_type::mount_source) && v.default_value.empty())
    r.fail(t, path, "a resolved path or a mount_source needs a default");
  return v;
}

env_derived read_derived(const reader& r, const tree& t, const std::string& path) {
  r.need_map(t, path);
  r.only_fields(t, path, {"key", "value", "filter", "max_length", "error", "when", "export", "omit_empty"});
  env_derived d;
  d.where = t.where;
  d.key = r.string_field(t, "key", path, true);
  if (!valid_key(d.key)) r.fail(*t.find("key"), path + ".key", "\"" + d.key + "\" is not a valid variable name");
  d.value = r.string_field(t, "value", path);
  const std::string filter = r.string_field(t, "filter", path);
  if (filter == "slug") d.filter = env_derived::filter_kind::slug;
  else if (!filter.empty()) r.fail(*t.find("filter"), path + ".filter", "unknown filter \"" + filter + "\" (slug)");
  if (auto n = r.number_field(t, "max_length", path)) {
    if (*n < 0 || *n != std::floor(*n)) r.fail(*t.find("max_length"), path + ".max_length", "must be a whole number");
    // 2^64 and more do not fit a size_t: converting them would be undefined behaviour.
    if (*n >= 0x1p64) r.fail(*t.find("max_length"), path + ".max_length", "must be less than 2^64");
    d.max_length = static_cast<std::size_t>(*n);
  }
  d.error = r.string_field(t, "error", path);
  const std::string when = r.string_field(t, "when", path);
  if (when.empty() || when == "always") d.when = env_derived::when_kind::always;
  else if (when == "empty") d.when = env_derived::when_kind::empty;
  else if (when == "unset") d.when = env_derived::when_kind::unset;
  else r.fail(*t.find("when"), path + ".when", "must be always, empty or unset");
  d.exported = r.bool_field(t, "export", path, true);
  d.omit_empty = r.bool_field(t, "omit_empty", path, false);
  return d;
}

}  // namespace

const char* to_string(env_var_type type) noexcept {
  for (const auto& n : type_names)
    if (n.type == type) return n.name;
  return "string";
}

const env_var* env_schema::find(std::string_view key) const {
  for (const auto& s : sections)
    for (const auto& v : s.variables)
      if (v.key == key) return &v;
  return nullptr;
}

std::vector<const env_var*> env_schema::variables() const {
  std::vector<const env_var*> out;
  for (const auto& s : sections)
    for (const auto& v : s.variables) out.push_back(&v);
  return out;
}

std::map<std::string, std::string, std::less<>> env_schema::preset_values(std::string_view preset_name) const {
  for (const auto& p : presets)
    if (p.name == preset_name) return {p.values.begin(), p.values.end()};
  std::vector<std::string> names;
  for (const auto& p : presets) names.push_back(p.name);
  throw model_error(fmt::format("unknown preset \"{}\"{}", preset_name,
                                names.empty() ? std::string(" (the env schema has none)")
                                              : fmt::format(" (one of: {})", fmt::join(names, ", "))),
                    source_location{file.string(), 0, 0});
}

fs::path env_schema::example_path() const {
  if (example_file.empty()) return {};
  fs::path p(example_file);
  if (p.is_absolute() || file.empty()) return p;
  return (file.parent_path() / p).lexically_normal();
}

env_schema parse_env_schema(const std::string& text, const std::string& file_name_for_errors) {
  const reader r(file_name_for_errors);
  const tree root = detail::parse_yaml(text, file_name_for_errors);
  r.only_fields(
      root, "",
      {"schema_version", "name", "example_file", "dotenv_overrides_shell", "header", "sections", "derived", "presets"});
  env_schema s;
  if (const tree* v = root.find("schema_version"); v && r.scalar(*v, "schema_version") != "1")
    r.fail(*v, "schema_version", "unsupported schema_version (this stackctl reads 1)");
  s.name = r.string_field(root, "name", "");
  s.example_file = r.string_field(root, "example_file", "");
  s.dotenv_overrides_shell = r.bool_field(root, "dotenv_overrides_shell", "", false);
  s.header = r.lines_field(root, "header", "");

  std::set<std::string, std::less<>> keys;
  if (const tree* secs = root.find("sections")) {
    if (!secs->is_seq()) r.fail(*secs, "sections", "must be a list");
    for (std::size_t i = 0; i < secs->seq.size(); ++i) {
      const std::string path = fmt::format("sections[{}]", i);
      const tree& st = r.need_map(secs->seq[i], path);
      r.only_fields(st, path, {"title", "description", "variables"});
      env_section sec;
      sec.title = r.string_field(st, "title", path, true);
      sec.description = r.lines_field(st, "description", path);
      if (const tree* vars = st.find("variables")) {
        if (!vars->is_seq()) r.fail(*vars, path + ".variables", "must be a list");
        for (std::size_t j = 0; j < vars->seq.size(); ++j) {
          const std::string vpath = fmt::format("{}.variables[{}]", path, j);
          env_var v = read_var(r, vars->seq[j], vpath);
          if (!keys.insert(v.key).second)
            r.fail(vars->seq[j], vpath + ".key", "variable " + v.key + " is declared twice");
          sec.variables.push_back(std::move(v));
        }
      }
      s.sections.push_back(std::move(sec));
    }
  }
  // A routed volume's name variable is set by stackctl, never declared (doctor flags it in .env).
  for (const auto* v : s.variables())
    if (v->volume && keys.count(v->volume->name_variable))
      throw model_error("volume.name_variable " + v->volume->name_variable + " must not be a declared variable",
                        v->where, v->key);
  if (const tree* der = root.find("derived")) {
    if (!der->is_seq()) r.fail(*der, "derived", "must be a list");
    for (std::size_t i = 0; i < der->seq.size(); ++i)
      s.derived.push_back(read_derived(r, der->seq[i], fmt::format("derived[{}]", i)));
  }
  if (const tree* pre = root.find("presets")) {
    r.need_map(*pre, "presets");
    for (const auto& [name, pt] : pre->map) {
      const std::string path = "presets." + name;
      r.need_map(pt, path);
      r.only_fields(pt, path, {"description", "values"});
      env_preset preset{name, r.string_field(pt, "description", path), {}, pt.where};
      if (const tree* values = pt.find("values")) {
        r.need_map(*values, path + ".values");
        for (const auto& [key, vt] : values->map) {
          const std::string vpath = path + ".values." + key;
          const env_var* var = s.find(key);
          if (!var) r.fail(vt, vpath, key + " is not a declared variable");
          std::string value = r.scalar(vt, vpath);
          if (const std::string problem = check_env_value(*var, value); !problem.empty()) r.fail(vt, vpath, problem);
          preset.values.emplace_back(key, std::move(value));
        }
      }
      s.presets.push_back(std::move(preset));
    }
  }
  return s;
}

env_schema load_env_schema(const fs::path& file) {
  std::error_code ec;
  fs::path abs = fs::absolute(file, ec);
  if (ec) abs = file;
  const auto text = fs::is_directory(abs, ec) ? std::nullopt : detail::read_input_file(abs);
  if (!text) throw model_error("cannot read env schema " + abs.string());
  env_schema s = parse_env_schema(*text, abs.string());
  s.file = abs;
  return s;
}

std::optional<fs::path> find_env_schema(const fs::path& compose_file) {
  const fs::path dir = compose_file.parent_path();
  const std::string stem = compose_file.stem().string();
  std::vector<fs::path> candidates;
  for (const std::string_view prefix : {"docker-compose.", "compose."})
    if (stem.size() > prefix.size() && stem.compare(0, prefix.size(), prefix) == 0)
      candidates.push_back(dir / ("env.schema." + stem.substr(prefix.size()) + ".yaml"));
  candidates.push_back(dir / "env.schema.yaml");
  std::error_code ec;
  for (const auto& c : candidates)
    if (fs::is_regular_file(c, ec)) return c;
  return std::nullopt;
}

}  // namespace stackctl::model
