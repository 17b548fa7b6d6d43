// The one derivation of a stack's environment from .env, the shell and the env schema.
#include "stackctl/model/derived_environment.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include <fmt/format.h>

#include "input_guard.hpp"
#include "stackctl/model/interpolation.hpp"
#include "stackctl/model/model_error.hpp"
#include "stackctl/model/text.hpp"
#include "stackctl/model/volume_spec.hpp"

namespace stackctl::model {

namespace fs = std::filesystem;

namespace {

using text::trim;

// Where a variable's value came from, for errors: a .env line, or the shell (no location).
struct origin_map {
  std::map<std::string, source_location, std::less<>> from_dotenv;
  source_location of(std::string_view key) const {
    auto it = from_dotenv.find(key);
    return it == from_dotenv.end() ? source_location{} : it->second;
  }
  std::string suffix(std::string_view key) const {
    return from_dotenv.count(key) ? std::string{} : std::string(" (from the environment)");
  }
};

// The first variable a template reads ("${A:-x}" → A), to locate an error in a derived value.
std::string first_variable(std::string_view tpl) {
  auto pos = tpl.find('$');
  while (pos != std::string_view::npos && pos + 1 < tpl.size()) {
    std::size_t i = pos + 1;
    if (tpl[i] == '$') {
      pos = tpl.find('$', i + 1);
      continue;
    }
    if (tpl[i] == '{') ++i;
    std::size_t j = i;
    while (j < tpl.size() && (std::isalnum(static_cast<unsigned char>(tpl[j])) || tpl[j] == '_')) ++j;
    if (j > i) return std::string(tpl.substr(i, j - i));
    pos = tpl.find('$', i);
  }
  return {};
}

}  // namespace

std::string resolve_host_path(std::string_view value, const fs::path& base, std::string_view home) {
  std::string v(value);
  if (!v.empty() && v[0] == '~') {
    if (v.size() > 1 && v[1] != '/')
      throw std::invalid_argument("cannot expand \"" + v + "\": only ~ and ~/ are supported");
    v = std::string(home) + v.substr(1);
  }
  fs::path p(v);
  if (p.is_relative()) p = base / p;
  std::string out = p.lexically_normal().string();
  while (out.size() > 1 && out.back() == '/') out.pop_back();
  return out;
}

std::string slugify(std::string_view text, std::size_t max_length) {
  const std::string_view in = trim(text);
  std::string out;
  for (char ch : in) {
    const auto c = static_cast<unsigned char>(ch);
    const char l = static_cast<char>(std::tolower(c));
    const bool ok = c < 0x80 && (std::isalnum(c) || l == '_' || l == '-');
    if (ok && l != '-') {
      out += l;
    } else if (out.empty() || out.back() != '-') {
      out += '-';  // a run of anything else, and '-' runs, become one '-'
    }
  }
  auto strip_right = [&out] {
    while (!out.empty() && (out.back() == '-' || out.back() == '_')) out.pop_back();
  };
  std::size_t start = 0;
  while (start < out.size() && !std::isalnum(static_cast<unsigned char>(out[start]))) ++start;
  out.erase(0, start);
  strip_right();
  if (max_length > 0 && out.size() > max_length) out.resize(max_length);
  strip_right();
  return out;
}

dotenv_file read_dotenv_file(const fs::path& file, const env_map& process_env) {
  dotenv_file out;
  std::error_code ec;
  const fs::path abs = fs::absolute(file, ec);
  out.file = (ec ? file : abs).string();
  if (!fs::exists(abs, ec)) return out;
  if (fs::is_directory(abs, ec)) throw model_error(out.file + " is a directory");
  const auto text = detail::read_input_file(abs);
  if (!text) throw model_error("couldn't read env file: " + out.file);
  out.exists = true;
  out.entries = parse_dotenv(*text, lookup_in(process_env), out.file);
  return out;
}

derived_environment derive_environment(const env_schema& schema, const dotenv_file& dotenv, const env_map& process_env,
                                       const derive_inputs& inputs) {
  derived_environment result;
  env_map& env = result.environment;
  origin_map origin;

  // 1. .env ⊕ shell, in the schema's precedence.
  env_map from_file;
  for (const auto& e : dotenv.entries) {
    from_file[e.key] = e.value;
    origin.from_dotenv[e.key] = source_location{dotenv.file, e.line, 0};
  }
  if (schema.dotenv_overrides_shell) {
    env = process_env;
    for (const auto& [k, v] : from_file) env[k] = v;
  } else {
    env = from_file;
    for (const auto& [k, v] : process_env) {
      env[k] = v;
      origin.from_dotenv.erase(k);
    }
  }

  auto fail = [&](std::string_view key, const std::string& message) -> model_error {
    return model_error(message + origin.suffix(key), origin.of(key));
  };

  // 2. Defaults, paths and mount routing, per variable in schema order.
  for (const auto* var : schema.variables()) {
    auto it = env.find(var->key);
    if (it == env.end()) it = env.emplace(var->key, var->default_value).first;
    std::string value(trim(it->second));
    if (value.empty() && (var->use_default || var->resolve || var->type == env_var_type::mount_source))
      value = var->default_value;
    if (var->use_default && trim(it->second).empty()) it->second = var->default_value;

    if (var->resolve) {
      try {
        it->second = resolve_host_path(value, inputs.invocation_dir, inputs.home);
      } catch (const std::invalid_argument& e) {
        throw fail(var->key, fmt::format("{}: {}", var->key, e.what()));
      }
      if (var->create_on_deploy)
        result.create_on_deploy.push_back(
            {var->key, it->second,
             var->type == env_var_type::file_path ? host_path::kind_type::file : host_path::kind_type::directory});
      continue;
    }
    if (var->type != env_var_type::mount_source) continue;
    if (is_host_path(value)) {  // compose's rule: '.', '/', '~' (or a Windows drive) start a path
      try {
        it->second = resolve_host_path(value, inputs.invocation_dir, inputs.home);
      } catch (const std::invalid_argument& e) {
        throw fail(var->key, fmt::format("{}: {}", var->key, e.what()));
      }
      // A stale name variable (shell or .env) must neither route nor stop the directory's creation.
      if (var->volume) env.erase(var->volume->name_variable);
      if (var->create_on_deploy)
        result.create_on_deploy.push_back({var->key, it->second, host_path::kind_type::directory});
    } else if (is_valid_volume_name(value)) {
      if (var->volume) {
        env[var->volume->name_variable] = value;
        env[var->key] = var->volume->source;  // `it` may be invalidated by the insertion above
      } else {
        it->second = value;
      }
    } else {
      throw fail(var->key, fmt::format("{}: \"{}\" is neither a host path nor a valid volume name; write \"./{}\" "
                                       "for a directory relative to the current directory",
                                       var->key, value, value));
    }
  }

  // 3. Derived values, in order; each sees the ones before it.
  env_map locals;
  const env_map context{
      {"STACKCTL_ENV_FILE", dotenv.exists ? dotenv.file : std::string{}},
      {"STACKCTL_INVOCATION_DIR", inputs.invocation_dir.string()},
      {"STACKCTL_HOME", inputs.home},
      {"STACKCTL_UID", inputs.uid},
      {"STACKCTL_GID", inputs.gid},
  };
  const variable_lookup lookup = [&](std::string_view name) -> std::optional<std::string> {
    for (const env_map* m : std::initializer_list<const env_map*>{&locals, &env, &context})
      if (auto it = m->find(name); it != m->end()) return it->second;
    return std::nullopt;
  };
  for (const auto& d : schema.derived) {
    const auto current = lookup(d.key);
    if (d.when == env_derived::when_kind::unset && current) continue;
    if (d.when == env_derived::when_kind::empty && current && !trim(*current).empty()) continue;
    std::string value;
    try {
      value = interpolate(d.value, lookup).value;
    } catch (const interpolation_error& e) {
      throw model_error(e.what(), d.where, "derived." + d.key);
    }
    if (d.filter == env_derived::filter_kind::slug) {
      const std::string input = value;
      value = slugify(input, d.max_length);
      if (value.empty() && !trim(input).empty()) {
        const std::string source = first_variable(d.value);
        const std::string message = !d.error.empty() ? d.error
                                                     : fmt::format("{} must contain at least one ASCII letter or digit",
                                                                   source.empty() ? d.key : source);
        throw model_error(fmt::format("{}, got \"{}\"{}", message, input, source.empty() ? "" : origin.suffix(source)),
                          source.empty() ? d.where : origin.of(source));
      }
    }
    if (d.omit_empty && value.empty()) continue;
    (d.exported ? env : locals)[d.key] = value;
  }
  return result;
}

}  // namespace stackctl::model
