// Top-level networks, volumes, secrets and configs.
#include "canonical_loader.hpp"

namespace stackctl::model::detail::canon {

// Checked for every declared resource, used or not (compose-go validates before it prunes):
// transform/external.go (a `name:` and a legacy `external.name` that differ) and, for volumes,
// validation/external.go checkExternal (an external volume has nothing but a name and extensions).
void loader_state::check_external(const std::string& kind, const tree& t, const std::string& path) const {
  const tree* e = t.is_map() ? t.find("external") : nullptr;
  if (!e) return;
  if (e->is_map()) {
    const tree* ext_name = e->find("name");
    const tree* name = t.find("name");
    if (ext_name && name && str(*ext_name, child_path(path, "external.name")) != str(*name, child_path(path, "name")))
      fail(*e, path, "name and external.name conflict; only use name");
  } else if (kind == "volume" && parse_bool(*e, child_path(path, "external"), nullptr)) {
    for (const auto& [k, v] : t.map)
      if (k != "name" && k != "external" && !starts_with(k, "x-"))
        fail(v, path, fmt::format("conflicting parameters \"external\" and \"{}\" specified", k));
  }
}

json loader_state::resource_object(const std::string& kind, const std::string& key, const tree& t,
                                   const std::string& path) {
  json j = json::object();
  if (t.is_null() && !ctx.options->normalize) {
    if (kind == "network") j["ipam"] = json_only_empty_object();
    return j;
  }
  if (!t.is_map() && !t.is_null()) fail(t, path, "must be a mapping");
  std::string name = t.find("name") ? str(*t.find("name"), child_path(path, "name")) : "";
  bool external = false;
  if (auto* e = t.find("external")) {
    if (e->is_map()) {  // legacy `external: {name: x}`
      external = true;
      if (auto* n = e->find("name")) name = str(*n, child_path(path, "external.name"));
    } else {
      external = parse_bool(*e, child_path(path, "external"), &ctx.warnings);
    }
  }
  if (name.empty() && ctx.options->normalize) name = external ? key : ctx.project_name + "_" + key;
  if (!name.empty()) j["name"] = name;
  if (kind == "network" || kind == "volume") {
    if (auto* v = t.find("driver")) j["driver"] = str(*v, child_path(path, "driver"));
    if (auto* v = t.find("driver_opts"))
      j["driver_opts"] = string_map_json(mapping_or_list(*v, child_path(path, "driver_opts")), true);
    // compose-go paths/resolve.go volumeDriverOpts: a `local` volume with `o: bind` is a bind mount,
    // its device a host path made absolute against the project directory.
    if (kind == "volume" && j.value("driver", "") == "local" && j.contains("driver_opts") &&
        j["driver_opts"].value("o", "") == "bind" && j["driver_opts"].contains("device") &&
        j["driver_opts"]["device"].is_string())
      j["driver_opts"]["device"] = host_path(j["driver_opts"]["device"].get<std::string>());
  }
  if (kind == "network") {
    if (auto* v = t.find("ipam")) {
      const std::string ip = child_path(path, "ipam");
      json ipam = json::object();
      if (auto* d = v->find("driver")) ipam["driver"] = str(*d, child_path(ip, "driver"));
      if (!v->is_map()) fail(*v, ip, "must be a mapping");
      if (auto* c = v->find("config")) {
        if (!c->is_seq()) fail(*c, child_path(ip, "config"), "must be a list");
        json pools = json::array();
        for (size_t i = 0; c->is_seq() && i < c->seq.size(); ++i) {
          const tree& pool = c->seq[i];
          const std::string pp = index_path(child_path(ip, "config"), i);
          json pj = json::object();
          for (const char* f : {"subnet", "gateway", "ip_range"})
            if (auto* x = pool.find(f)) pj[f] = str(*x, child_path(pp, f));
          if (auto* x = pool.find("aux_addresses"))
            pj["aux_addresses"] = string_map_json(mapping_or_list(*x, child_path(pp, "aux_addresses")), true);
          pools.push_back(std::move(pj));
        }
        ipam["config"] = pools;
      }
      if (auto* o = v->find("options"))
        ipam["options"] = string_map_json(mapping_or_list(*o, child_path(ip, "options")), true);
      j["ipam"] = ipam;
    } else {
      j["ipam"] = json_only_empty_object();  // a Go struct value: JSON always shows it
    }
    if (external) j["external"] = true;
    for (const char* f : {"internal", "attachable"})
      if (auto* v = t.find(f); v && parse_bool(*v, child_path(path, f), &ctx.warnings)) j[f] = true;
    if (auto* v = t.find("labels"))
      j["labels"] = string_map_json(mapping_or_list(*v, child_path(path, "labels")), true);
    for (const char* f : {"enable_ipv4", "enable_ipv6"})
      if (auto* v = t.find(f)) j[f] = parse_bool(*v, child_path(path, f), &ctx.warnings);
  } else if (kind == "volume") {
    if (external) j["external"] = true;
    if (auto* v = t.find("labels"))
      j["labels"] = string_map_json(mapping_or_list(*v, child_path(path, "labels")), true);
  } else {  // secret / config
    if (auto* v = t.find("content")) j["content"] = str(*v, child_path(path, "content"));
    if (auto* v = t.find("environment")) j["environment"] = str(*v, child_path(path, "environment"));
    if (auto* v = t.find("file")) j["file"] = host_path(str(*v, child_path(path, "file")));
    if (external) j["external"] = true;
    if (auto* v = t.find("labels"))
      j["labels"] = string_map_json(mapping_or_list(*v, child_path(path, "labels")), true);
    for (const char* f : {"driver"})
      if (auto* v = t.find(f)) j[f] = str(*v, child_path(path, f));
    if (auto* v = t.find("driver_opts"))
      j["driver_opts"] = string_map_json(mapping_or_list(*v, child_path(path, "driver_opts")), true);
    if (auto* v = t.find("template_driver")) j["template_driver"] = str(*v, child_path(path, "template_driver"));
  }
  add_extensions(j, t);
  return j;
}

}  // namespace stackctl::model::detail::canon
