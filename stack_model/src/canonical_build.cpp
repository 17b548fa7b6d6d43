// `build`: context, dockerfile, args, secrets, ... in compose-go's form.
#include "canonical_loader.hpp"

namespace stackctl::model::detail::canon {

json loader_state::build(const tree& t, const std::string& path) const {
  json j = json::object();
  if (t.is_scalar()) {
    j["context"] = relative_path(t.text);
    j["dockerfile"] = "Dockerfile";
    return j;
  }
  if (!t.is_map()) fail(t, path, "must be a string or a mapping");
  std::string context = t.find("context") ? str(*t.find("context"), child_path(path, "context")) : ".";
  j["context"] = relative_path(context.empty() ? "." : context);
  if (auto* v = t.find("dockerfile")) j["dockerfile"] = str(*v, child_path(path, "dockerfile"));
  else if (!t.find("dockerfile_inline")) j["dockerfile"] = "Dockerfile";
  if (auto* v = t.find("dockerfile_inline")) j["dockerfile_inline"] = str(*v, child_path(path, "dockerfile_inline"));
  if (auto* v = t.find("entitlements"))
    j["entitlements"] = to_json_list(string_list(*v, child_path(path, "entitlements"), false));
  if (auto* v = t.find("args")) {
    auto args = mapping_or_list(*v, child_path(path, "args"));
    json a = json::object();
    for (auto& [k, val] : args) {
      if (!val) {
        if (auto value = environment_value(k, *v, child_path(path, "args"))) a[k] = std::move(*value);
        else if (!ctx.options->normalize) a[k] = nullptr;
        continue;  // normalisation drops unset build args
      }
      a[k] = *val;
    }
    if (!a.empty()) j["args"] = a;
  }
  // compose-go types/build.go: provenance and sbom are strings (transformStringOrX: `true` → "true")
  for (const char* f : {"provenance", "sbom"})
    if (auto* v = t.find(f)) {
      std::string s = str(*v, child_path(path, f));
      if (!s.empty()) j[f] = std::move(s);
    }
  if (auto* v = t.find("ssh")) {
    // compose-go transformSSH + paths/resolve.go: id → path, the path made absolute (maybeUnixPath).
    const std::string sp = child_path(path, "ssh");
    std::map<std::string, std::optional<std::string>> keys;
    if (v->is_map()) {
      keys = mapping_or_list(*v, sp);
    } else {
      for (auto& s : string_list(*v, sp, true)) {
        const auto eq = s.find('=');
        if (eq == std::string::npos && s != "default") fail(*v, sp, fmt::format("invalid ssh key \"{}\"", s));
        if (eq == std::string::npos) keys[s] = std::nullopt;
        else keys[s.substr(0, eq)] = s.substr(eq + 1);
      }
    }
    json s = json::array();
    for (auto& [k, val] : keys) s.push_back(val ? k + "=" + host_path(*val) : k);
    j["ssh"] = s;
  }
  if (auto* v = t.find("labels")) j["labels"] = string_map_json(mapping_or_list(*v, child_path(path, "labels")), true);
  for (const char* f : {"cache_from", "cache_to"})
    if (auto* v = t.find(f)) j[f] = to_json_list(string_list(*v, child_path(path, f), false));
  if (auto* v = t.find("no_cache"); v && parse_bool(*v, child_path(path, "no_cache"), &ctx.warnings))
    j["no_cache"] = true;
  if (auto* v = t.find("no_cache_filter"))  // a stage name or a list of them
    j["no_cache_filter"] = to_json_list(string_list(*v, child_path(path, "no_cache_filter"), true));
  if (auto* v = t.find("additional_contexts")) {
    auto m = mapping_or_list(*v, child_path(path, "additional_contexts"));
    json a = json::object();
    for (auto& [k, val] : m) {
      std::string s = val.value_or("");
      // docker-image://, service:, URLs stay as written; local paths are resolved.
      if (s.find("://") == std::string::npos && !starts_with(s, "service:")) s = relative_path(s);
      a[k] = s;
    }
    j["additional_contexts"] = a;
  }
  if (auto* v = t.find("pull"); v && parse_bool(*v, child_path(path, "pull"), &ctx.warnings)) j["pull"] = true;
  if (auto* v = t.find("extra_hosts")) j["extra_hosts"] = hosts(*v, child_path(path, "extra_hosts"));
  for (const char* f : {"isolation", "network", "target"})
    if (auto* v = t.find(f)) j[f] = str(*v, child_path(path, f));
  if (auto* v = t.find("secrets")) j["secrets"] = file_refs(*v, child_path(path, "secrets"));
  if (auto* v = t.find("tags")) j["tags"] = to_json_list(string_list(*v, child_path(path, "tags"), false));
  if (auto* v = t.find("ulimits")) j["ulimits"] = ulimits(*v, child_path(path, "ulimits"));
  if (auto* v = t.find("platforms"))
    j["platforms"] = to_json_list(string_list(*v, child_path(path, "platforms"), false));
  if (auto* v = t.find("privileged"); v && parse_bool(*v, child_path(path, "privileged"), &ctx.warnings))
    j["privileged"] = true;
  if (auto* v = t.find("shm_size")) j["shm_size"] = bytes_value(*v, child_path(path, "shm_size"));
  add_extensions(j, t);
  return j;
}

}  // namespace stackctl::model::detail::canon
