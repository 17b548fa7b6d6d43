// `volumes` of a service: short and long syntax → bind / volume / tmpfs / ... mounts, checked.
#include "canonical_loader.hpp"

namespace stackctl::model::detail::canon {

// The engine's rule (a container path is absolute), checked where the mount is written.
void loader_state::check_mount_target(const std::string& type, const std::string& target, const tree& t,
                                      const std::string& path) {
  if (target.empty() || target[0] != '/')
    fail(t, path,
         fmt::format("invalid mount config for type \"{}\": invalid mount path: '{}' mount path must be absolute", type,
                     target));
}

void loader_state::check_volume_declared(const std::string& service, const std::string& source, const tree& item,
                                         const std::string& p) const {
  if (!ctx.options->consistency) return;
  if (!declared_volumes.count(source))
    fail(item, p,
         fmt::format("service \"{}\" refers to undefined volume {}: invalid compose project", service, source));
}

json loader_state::mounts(const std::string& service, const tree& t, const std::string& path) const {
  return list_entries(t, path, [&](const tree& item, const std::string& p) {
    json j = json::object();
    if (item.is_scalar()) {
      volume_spec spec;
      try {
        spec = parse_volume_spec(item.text);
      } catch (const std::exception& e) {
        fail(item, p, e.what());
      }
      check_mount_target(spec.type == volume_spec::kind::bind ? "bind" : "volume", spec.target, item, p);
      if (spec.type == volume_spec::kind::bind) {
        j["type"] = "bind";
        j["source"] = host_path(*spec.source);
        j["target"] = clean_path(spec.target);
        if (spec.read_only) j["read_only"] = true;
        json bind = json::object();
        if (spec.selinux) bind["selinux"] = *spec.selinux;
        if (spec.propagation) bind["propagation"] = *spec.propagation;
        j["bind"] = bind;
      } else {
        j["type"] = "volume";
        if (spec.source) {
          // a declared key is fine whatever its length (`0`: the engine's name is <project>_0)
          if (!declared_volumes.count(*spec.source) && !is_valid_volume_name(*spec.source))
            fail(item, p,
                 fmt::format("\"{}\" is not a valid volume name; use \"./{}\" for a path relative to the "
                             "project directory",
                             *spec.source, *spec.source));
          check_volume_declared(service, *spec.source, item, p);
          j["source"] = *spec.source;
        }
        j["target"] = clean_path(spec.target);
        if (spec.read_only) j["read_only"] = true;
        json vol = json::object();
        if (spec.nocopy) vol["nocopy"] = true;
        j["volume"] = vol;
      }
      return j;
    }
    if (!item.is_map()) fail(item, p, "must be a string or a mapping");
    const tree* type_t = item.find("type");
    std::string type = type_t ? str(*type_t, child_path(p, "type")) : "volume";
    if (type != "bind" && type != "volume" && type != "tmpfs" && type != "npipe" && type != "cluster" &&
        type != "image")
      fail(type_t ? *type_t : item, child_path(p, "type"), fmt::format("invalid mount type \"{}\"", type));
    j["type"] = type;
    std::string source = item.find("source") ? str(*item.find("source"), child_path(p, "source")) : "";
    if (type == "bind") {
      if (source.empty()) fail(item, p, "bind mount needs a source");
      source = host_path(source);
    } else if (type == "volume" && !source.empty()) {
      check_volume_declared(service, source, *item.find("source"), child_path(p, "source"));
    }
    if (!source.empty()) j["source"] = source;
    const tree* target = item.find("target");
    if (!target) fail(item, p, "mount needs a target");
    const std::string target_path = str(*target, child_path(p, "target"));
    check_mount_target(type, target_path, *target, child_path(p, "target"));
    j["target"] = clean_path(target_path);
    if (auto* v = item.find("read_only"); v && parse_bool(*v, child_path(p, "read_only"), &ctx.warnings))
      j["read_only"] = true;
    if (auto* v = item.find("consistency")) j["consistency"] = str(*v, child_path(p, "consistency"));
    if (auto* b = item.find("bind")) {
      const std::string bp = child_path(p, "bind");
      json bind = json::object();
      if (auto* v = b->find("selinux")) bind["selinux"] = str(*v, child_path(bp, "selinux"));
      if (auto* v = b->find("propagation")) bind["propagation"] = str(*v, child_path(bp, "propagation"));
      if (auto* v = b->find("create_host_path");
          v && !parse_bool(*v, child_path(bp, "create_host_path"), &ctx.warnings))
        bind["create_host_path"] = false;
      if (auto* v = b->find("recursive")) bind["recursive"] = str(*v, child_path(bp, "recursive"));
      j["bind"] = bind;
    }
    if (auto* v = item.find("volume")) {
      const std::string vp = child_path(p, "volume");
      json vol = json::object();
      if (auto* l = v->find("labels"))
        vol["labels"] = string_map_json(mapping_or_list(*l, child_path(vp, "labels")), true);
      if (auto* n = v->find("nocopy"); n && parse_bool(*n, child_path(vp, "nocopy"), &ctx.warnings))
        vol["nocopy"] = true;
      if (auto* s = v->find("subpath")) vol["subpath"] = str(*s, child_path(vp, "subpath"));
      j["volume"] = vol;
    }
    if (auto* v = item.find("tmpfs")) {
      const std::string tp = child_path(p, "tmpfs");
      json tm = json::object();
      // compose-go ServiceVolumeTmpfs: size and mode are omitempty, a 0 is not rendered
      if (auto* s = v->find("size"))
        if (json size = bytes_value(*s, child_path(tp, "size")); size != "0") tm["size"] = std::move(size);
      if (auto* m = v->find("mode"))
        if (const auto mode = parse_int_in(*m, child_path(tp, "mode"), 0, uint32_max); mode != 0) tm["mode"] = mode;
      j["tmpfs"] = tm;
    }
    if (auto* v = item.find("image")) j["image"] = sorted_raw_map(*v);
    add_extensions(j, item);
    return j;
  });
}

}  // namespace stackctl::model::detail::canon
