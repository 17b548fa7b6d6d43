// The merged tree → the canonical document: profiles, implicit dependencies, validation across
// services, used resources, the default network; and the raw model for --no-interpolate. The
// sections are normalised by loader_state (canonical_loader.hpp, one file per section).
#include "canonical.hpp"

#include <fmt/format.h>

#include "canonical_loader.hpp"

namespace stackctl::model::detail {

namespace fs = std::filesystem;

json json_only_null() { return json::binary({}, 1); }
json json_only_empty_object() { return json::binary({}, 2); }
bool is_json_only(const json& j) { return j.is_binary(); }

using namespace canon;

namespace {

// The node of `key` in a service, or the service itself when the value came from elsewhere.
const tree& node_or(const tree& service, const char* key) {
  const tree* t = service.find(key);
  return t ? *t : service;
}

bool service_enabled(const json& svc, const std::set<std::string>& active) {
  if (!svc.contains("profiles")) return true;
  if (active.count("*")) return true;
  for (const auto& p : svc["profiles"])
    if (active.count(p.get<std::string>())) return true;
  return false;
}

}  // namespace

json scalar_value(const tree& t) {
  switch (resolve_scalar(t)) {
    case scalar_type::null: return nullptr;
    case scalar_type::boolean: return t.text == "true" || t.text == "True" || t.text == "TRUE";
    case scalar_type::integer: {
      try {
        return parse_int(t, "");
      } catch (...) {
        return t.text;
      }
    }
    case scalar_type::floating: {
      try {
        return std::stod(t.text);
      } catch (...) {
        return t.text;
      }
    }
    case scalar_type::string: return t.text;
  }
  return t.text;
}

json canonicalize(const tree& root, canonical_context& ctx) {
  loader_state st(ctx, root);
  const load_options& opt = *ctx.options;
  json services = json::object();
  std::map<std::string, json> sorted_services;
  std::map<std::string, const tree*> service_tree;
  if (auto* s = root.find("services")) {
    if (!s->is_map() && !s->is_null()) fail(*s, "services", "must be a mapping");
    for (const auto& [name, t] : s->map) {
      sorted_services[name] = st.service(name, t, "services." + name);
      service_tree[name] = &t;
    }
  }

  // Profiles: services named on the command line bring their profiles along.
  std::set<std::string> active = ctx.active_profiles;
  for (const auto& name : opt.enabled_services) {
    auto it = sorted_services.find(name);
    if (it == sorted_services.end()) throw model_error(fmt::format("no such service: {}", name));
    if (it->second.contains("profiles"))
      for (const auto& p : it->second["profiles"]) active.insert(p.get<std::string>());
  }
  ctx.active_profiles = active;
  std::map<std::string, json> disabled;
  for (auto it = sorted_services.begin(); it != sorted_services.end();) {
    if (service_enabled(it->second, active)) {
      ++it;
    } else {
      disabled.insert(*it);
      it = sorted_services.erase(it);
    }
  }

  // Implicit dependencies (compose's normalisation): `service:x` namespaces, links, volumes_from.
  if (opt.normalize) {
    for (auto& [name, svc] : sorted_services) {
      std::vector<std::pair<std::string, bool>> implicit;  // service, restart
      for (const char* f : {"network_mode", "ipc", "pid", "uts", "cgroup"})
        if (svc.contains(f) && starts_with(svc[f].get<std::string>(), "service:"))
          implicit.emplace_back(svc[f].get<std::string>().substr(8), true);
      if (svc.contains("links"))
        for (auto& l : svc["links"]) {
          const std::string s = l.get<std::string>();
          implicit.emplace_back(s.substr(0, s.find(':')), false);
        }
      if (svc.contains("volumes_from"))
        for (auto& v : svc["volumes_from"]) {
          const std::string s = v.get<std::string>();
          if (!starts_with(s, "container:")) implicit.emplace_back(s.substr(0, s.find(':')), false);
        }
      if (implicit.empty()) continue;
      std::map<std::string, json> deps;
      if (svc.contains("depends_on"))
        for (auto& [k, v] : svc["depends_on"].items()) deps[k] = v;
      for (auto& [dep, restart] : implicit) {
        if (deps.count(dep)) continue;
        json d = json::object();
        d["condition"] = "service_started";
        if (restart) d["restart"] = true;
        d["required"] = true;
        deps[dep] = d;
      }
      json sorted = json::object();
      for (auto& [k, v] : deps) sorted[k] = v;
      if (svc.contains("depends_on")) {
        svc["depends_on"] = sorted;
      } else {
        // depends_on sits after container_name/credential_spec in struct order
        json rebuilt = json::object();
        bool inserted = false;
        static const std::set<std::string> before = {
            "profiles",   "annotations", "attach",        "build",          "develop",        "blkio_config",
            "cap_add",    "cap_drop",    "cgroup_parent", "cgroup",         "cpu_count",      "cpu_percent",
            "cpu_period", "cpu_quota",   "cpu_rt_period", "cpu_rt_runtime", "cpus",           "cpuset",
            "cpu_shares", "command",     "configs",       "container_name", "credential_spec"};
        for (auto& [k, v] : svc.items()) {
          if (!inserted && !before.count(k)) {
            rebuilt["depends_on"] = sorted;
            inserted = true;
          }
          rebuilt[k] = v;
        }
        if (!inserted) rebuilt["depends_on"] = sorted;
        svc = std::move(rebuilt);
      }
    }
  }

  const tree* top_networks = root.find("networks");
  const tree* top_secrets = root.find("secrets");
  const tree* top_configs = root.find("configs");
  bool uses_default_network = false;
  for (auto& [name, svc] : sorted_services) {
    const tree& t = *service_tree[name];
    const std::string path = "services." + name;
    // depends_on on a disabled service: fine if not required (then dropped), else an error.
    if (svc.contains("depends_on")) {
      json kept = json::object();
      for (auto& [dep, d] : svc["depends_on"].items()) {
        if (disabled.count(dep)) {
          if (!d["required"].get<bool>()) continue;
          std::string profiles;
          for (auto& p : disabled[dep]["profiles"]) profiles += (profiles.empty() ? "" : " ") + p.get<std::string>();
          fail(node_or(t, "depends_on"), path + ".depends_on",
               fmt::format("service {} is required by {} but is disabled. Can be enabled by profiles [{}]", dep, name,
                           profiles));
        }
        if (opt.consistency && !sorted_services.count(dep))
          fail(node_or(t, "depends_on"), path + ".depends_on",
               fmt::format("service \"{}\" depends on undefined service \"{}\": invalid compose project", name, dep));
        kept[dep] = d;
      }
      if (kept.empty()) svc.erase("depends_on");
      else svc["depends_on"] = kept;
    }
    if (opt.consistency) {
      if (svc.contains("network_mode") && svc.contains("networks"))
        fail(
            node_or(t, "networks"), path + ".networks",
            fmt::format("service {} declares mutually exclusive `network_mode` and `networks`: invalid compose project",
                        name));
      const int replicas = svc.contains("scale") ? svc["scale"].get<int>()
                           : (svc.contains("deploy") && svc["deploy"].contains("replicas"))
                               ? svc["deploy"]["replicas"].get<int>()
                               : 1;
      if (svc.contains("container_name") && replicas > 1)
        fail(node_or(t, "container_name"), path + ".container_name",
             fmt::format("services.{}: can't set container_name and {} as container name must be unique: invalid "
                         "compose project",
                         name, name));
      if (svc.contains("platform") && svc.contains("build") && svc["build"].contains("platforms")) {
        const auto& platforms = svc["build"]["platforms"];
        if (!platforms.empty() && std::find(platforms.begin(), platforms.end(), svc["platform"]) == platforms.end())
          fail(node_or(t, "platform"), path + ".platform",
               fmt::format("service.build.platforms MUST include service.platform {}: invalid compose project",
                           svc["platform"].dump()));
      }
      if (svc.contains("networks"))
        for (auto& [net, _] : svc["networks"].items())
          if (net != "default" && (!top_networks || !top_networks->find(net)))
            fail(node_or(t, "networks"), path + ".networks",
                 fmt::format("service \"{}\" refers to undefined network {}: invalid compose project", name, net));
      for (const auto& [field, top, kind] :
           {std::tuple{"secrets", top_secrets, "secret"}, std::tuple{"configs", top_configs, "config"}})
        if (svc.contains(field))
          for (auto& ref : svc[field])
            if (!top || !top->find(ref["source"].get<std::string>()))
              fail(node_or(t, field), path + "." + field,
                   fmt::format("service \"{}\" refers to undefined {} {}: invalid compose project", name, kind,
                               ref["source"].get<std::string>()));
    }
    if (opt.normalize && !svc.contains("networks") && !svc.contains("network_mode")) {
      // networks go after net/network_mode in struct order: rebuild preserving order.
      json rebuilt = json::object();
      static const std::set<std::string> after = [] {  // the fields after `networks` in struct order
        const auto& fields = service_fields();
        const auto from = std::find(fields.begin(), fields.end(), "networks") + 1;
        return std::set<std::string>(from, std::find(from, fields.end(), "name"));
      }();
      bool inserted = false;
      for (auto& [k, v] : svc.items()) {
        if (!inserted && (after.count(k) || starts_with(k, "x-"))) {
          rebuilt["networks"] = json{{"default", nullptr}};
          inserted = true;
        }
        rebuilt[k] = v;
      }
      if (!inserted) rebuilt["networks"] = json{{"default", nullptr}};
      svc = std::move(rebuilt);
    }
    if (svc.contains("networks") && svc["networks"].contains("default")) uses_default_network = true;
  }

  // Dependency cycles: a depth-first walk in name order reports the first cycle found.
  if (opt.consistency) {
    std::map<std::string, int> state;  // 0 new, 1 on stack, 2 done
    std::vector<std::string> stack;
    std::function<void(const std::string&)> visit = [&](const std::string& name) {
      state[name] = 1;
      stack.push_back(name);
      const json& svc = sorted_services[name];
      if (svc.contains("depends_on"))
        for (auto& [dep, _] : svc["depends_on"].items()) {
          if (state[dep] == 1) {
            auto from = std::find(stack.begin(), stack.end(), dep);
            std::string cycle;
            for (auto it = from; it != stack.end(); ++it) cycle += *it + " -> ";
            cycle += dep;
            const tree& t = *service_tree[name];
            fail(node_or(t, "depends_on"), "services." + name + ".depends_on", "dependency cycle detected: " + cycle);
          }
          if (state[dep] == 0) visit(dep);
        }
      stack.pop_back();
      state[name] = 2;
    };
    for (auto& [name, _] : sorted_services)
      if (state[name] == 0) visit(name);
  }

  // Which top-level resources are used (compose drops the others unless --all-resources).
  std::set<std::string> used_networks, used_volumes, used_secrets, used_configs;
  for (auto& [name, svc] : sorted_services) {
    if (svc.contains("networks"))
      for (auto& [n, _] : svc["networks"].items()) used_networks.insert(n);
    if (svc.contains("volumes"))
      for (auto& m : svc["volumes"])
        if (m["type"] == "volume" && m.contains("source")) used_volumes.insert(m["source"].get<std::string>());
    if (svc.contains("secrets"))
      for (auto& r : svc["secrets"]) used_secrets.insert(r["source"].get<std::string>());
    if (svc.contains("build") && svc["build"].contains("secrets"))
      for (auto& r : svc["build"]["secrets"]) used_secrets.insert(r["source"].get<std::string>());
    if (svc.contains("configs"))
      for (auto& r : svc["configs"]) used_configs.insert(r["source"].get<std::string>());
  }

  for (const auto& [key, kind] : {std::pair{"networks", "network"}, std::pair{"volumes", "volume"},
                                  std::pair{"secrets", "secret"}, std::pair{"configs", "config"}})
    if (const tree* t = root.find(key); t && t->is_map())
      for (const auto& [k, v] : t->map)
        if (!starts_with(k, "x-")) st.check_external(kind, v, std::string(key) + "." + k);

  auto section = [&](const char* key, const char* kind, const std::set<std::string>& used) {
    json out = json::object();
    const tree* t = root.find(key);
    if (!t || t->is_null()) return out;
    if (!t->is_map()) fail(*t, key, "must be a mapping");
    std::map<std::string, json> sorted;
    for (const auto& [k, v] : t->map) {
      if (starts_with(k, "x-")) continue;
      if (!opt.all_resources && !used.count(k)) continue;
      sorted[k] = st.resource_object(kind, k, v, std::string(key) + "." + k);
    }
    for (auto& [k, v] : sorted) out[k] = v;
    return out;
  };

  json doc = json::object();
  doc["name"] = ctx.project_name;
  services.get_ref<json::object_t&>().reserve(sorted_services.size());
  for (auto& [name, svc] : sorted_services) services[name] = std::move(svc);
  if (!services.empty()) doc["services"] = services;
  json networks = section("networks", "network", used_networks);
  if (opt.normalize && uses_default_network && !networks.contains("default")) {
    json sorted = json::object();
    json def = json::object();
    def["name"] = ctx.project_name + "_default";
    def["ipam"] = json_only_empty_object();
    std::map<std::string, json> all;
    for (auto& [k, v] : networks.items()) all[k] = v;
    all["default"] = def;
    for (auto& [k, v] : all) sorted[k] = v;
    networks = sorted;
  }
  if (!networks.empty()) doc["networks"] = networks;
  json volumes = section("volumes", "volume", used_volumes);
  if (!volumes.empty()) doc["volumes"] = volumes;
  json secrets = section("secrets", "secret", used_secrets);
  if (!secrets.empty()) doc["secrets"] = secrets;
  json configs = section("configs", "config", used_configs);
  if (!configs.empty()) doc["configs"] = configs;
  if (auto* m = root.find("models")) doc["models"] = sorted_raw_map(*m);
  add_extensions(doc, root);

  // The services the profiles disable are no part of the document; the typed project keeps them.
  for (auto& [k, v] : disabled) ctx.disabled_services[k] = std::move(v);
  return doc;
}

json raw_model(const tree& root, canonical_context& ctx) {
  loader_state st(ctx, root);
  json doc = raw(root, true);
  doc["name"] = ctx.project_name;
  bool uses_default = false;
  if (doc.contains("services") && doc["services"].is_object()) {
    for (auto& [name, svc] : doc["services"].items()) {
      if (!svc.is_object()) continue;
      if (svc.contains("build")) {
        if (svc["build"].is_string()) svc["build"] = json{{"context", svc["build"]}};
        auto& b = svc["build"];
        if (!b.contains("context")) b["context"] = ".";
        if (b["context"].is_string()) b["context"] = st.relative_path(b["context"].get<std::string>());
        if (!b.contains("dockerfile") && !b.contains("dockerfile_inline")) b["dockerfile"] = "Dockerfile";
      }
      if (!svc.contains("networks") && !svc.contains("network_mode") && ctx.options->normalize) {
        svc["networks"] = json{{"default", nullptr}};
        uses_default = true;
      }
      svc.erase("env_file");
      svc.erase("label_file");
      json sorted = json::object();
      std::map<std::string, json> keys;
      for (auto& [k, v] : svc.items()) keys[k] = v;
      for (auto& [k, v] : keys) sorted[k] = v;
      svc = sorted;
    }
  }
  if (uses_default && !(doc.contains("networks") && doc["networks"].is_object() && doc["networks"].contains("default")))
    doc["networks"]["default"] = json{{"name", ctx.project_name + "_default"}};
  json sorted = json::object();
  std::map<std::string, json> keys;
  for (auto& [k, v] : doc.items()) keys[k] = v;
  for (auto& [k, v] : keys) sorted[k] = v;
  if (sorted.contains("networks")) {
    std::map<std::string, json> nk;
    for (auto& [k, v] : sorted["networks"].items()) nk[k] = v;
    json n = json::object();
    for (auto& [k, v] : nk) n[k] = v;
    sorted["networks"] = n;
  }
  sorted.erase("version");
  return sorted;
}

}  // namespace stackctl::model::detail
