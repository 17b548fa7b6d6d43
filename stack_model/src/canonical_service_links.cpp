// What a service links to or lists: extra_hosts, ulimits, networks, depends_on, lifecycle hooks.
#include "canonical_loader.hpp"

namespace stackctl::model::detail::canon {

// extra_hosts as compose-go types/hostList.go reads them: a host may have several addresses (IPv4
// and IPv6 entries both kept), "host=ip1,ip2" in the list form is two entries, a mapping value may be
// a list, "[::1]" loses its brackets; rendered as the sorted "host=ip" list (HostsList.MarshalJSON).
json loader_state::hosts(const tree& t, const std::string& path) const {
  std::vector<std::string> entries;
  auto add = [&](const tree& at, const std::string& p, const std::string& host, std::string ip) {
    if (host.empty() || host.find_first_of(":=") != std::string::npos)
      fail(at, p, fmt::format("bad host name '{}'", host));
    if (ip.size() > 2 && ip.front() == '[' && ip.back() == ']') ip = ip.substr(1, ip.size() - 2);
    entries.push_back(host + "=" + ip);
  };
  if (t.is_map()) {
    for (const auto& [host, v] : t.map) {
      const std::string p = child_path(path, host);
      if (v.is_seq()) {
        for (size_t i = 0; i < v.seq.size(); ++i) {
          const std::string ip_path = index_path(p, i);
          add(v.seq[i], ip_path, host, map_value(v.seq[i], ip_path).value_or(""));
        }
      } else {
        add(v, p, host, map_value(v, p).value_or(""));
      }
    }
  } else if (t.is_seq()) {
    for (size_t i = 0; i < t.seq.size(); ++i) {
      const std::string p = index_path(path, i);
      const std::string s = str(t.seq[i], p);
      auto cut = s.find('=');
      if (cut == std::string::npos) cut = s.find(':');
      if (cut == std::string::npos) fail(t.seq[i], p, fmt::format("invalid additional host, missing IP: {}", s));
      for (auto& ip : text::split(std::string_view(s).substr(cut + 1), ',')) add(t.seq[i], p, s.substr(0, cut), ip);
    }
  } else if (!t.is_null()) {
    fail(t, path, "must be a list or a mapping");
  }
  std::sort(entries.begin(), entries.end());
  return to_json_list(entries);
}

json loader_state::ulimits(const tree& t, const std::string& path) const {
  json j = json::object();
  if (!t.is_map()) fail(t, path, "must be a mapping");
  std::map<std::string, json> sorted;
  for (const auto& [k, v] : t.map) {
    const std::string p = child_path(path, k);
    if (v.is_scalar()) sorted[k] = parse_int(v, p);
    else if (v.is_map()) {
      json u = json::object();
      const tree* soft = v.find("soft");
      const tree* hard = v.find("hard");
      if (soft) u["soft"] = parse_int(*soft, child_path(p, "soft"));
      if (hard) u["hard"] = parse_int(*hard, child_path(p, "hard"));
      if (soft && hard && u["hard"] != -1 && (u["soft"] == -1 || u["soft"] > u["hard"]))
        fail(*soft, child_path(p, "soft"),
             fmt::format("ulimit soft limit must be less than or equal to hard limit: {} > {}",
                         u["soft"].get<std::int64_t>() == -1 ? "-1 (unlimited)" : u["soft"].dump(), u["hard"].dump()));
      sorted[k] = u;
    } else {
      fail(v, p, "must be a number or a mapping with soft and hard");
    }
  }
  for (auto& [k, v] : sorted) j[k] = v;
  return j;
}

json loader_state::service_networks(const tree& t, const std::string& path) const {
  json j = json::object();
  std::map<std::string, json> sorted;
  if (t.is_seq()) {
    for (size_t i = 0; i < t.seq.size(); ++i) sorted[str(t.seq[i], index_path(path, i))] = nullptr;
  } else if (t.is_map()) {
    for (const auto& [k, v] : t.map) {
      const std::string p = child_path(path, k);
      if (v.is_null()) {
        sorted[k] = nullptr;
        continue;
      }
      if (!v.is_map()) fail(v, p, "must be a mapping or null");
      json n = json::object();
      if (auto* x = v.find("aliases")) n["aliases"] = to_json_list(string_list(*x, child_path(p, "aliases"), false));
      if (auto* x = v.find("driver_opts"))
        n["driver_opts"] = string_map_json(mapping_or_list(*x, child_path(p, "driver_opts")), true);
      if (auto* x = v.find("gw_priority"))
        n["gw_priority"] = parse_int_in(*x, child_path(p, "gw_priority"), int_min, int_max);
      for (const char* f : {"interface_name", "ipv4_address", "ipv6_address"})
        if (auto* x = v.find(f)) n[f] = str(*x, child_path(p, f));
      if (auto* x = v.find("link_local_ips"))
        n["link_local_ips"] = to_json_list(string_list(*x, child_path(p, "link_local_ips"), false));
      if (auto* x = v.find("mac_address")) n["mac_address"] = str(*x, child_path(p, "mac_address"));
      if (auto* x = v.find("priority")) n["priority"] = parse_int_in(*x, child_path(p, "priority"), int_min, int_max);
      add_extensions(n, v);
      sorted[k] = n;
    }
  } else if (!t.is_null()) {
    fail(t, path, "must be a list or a mapping");
  }
  for (auto& [k, v] : sorted) j[k] = v;
  return j;
}

json loader_state::depends_on(const tree& t, const std::string& path) const {
  std::map<std::string, json> sorted;
  auto entry = [](const std::string& condition, bool restart, bool required) {
    json d = json::object();
    d["condition"] = condition;
    if (restart) d["restart"] = true;
    d["required"] = required;
    return d;
  };
  if (t.is_seq()) {
    for (size_t i = 0; i < t.seq.size(); ++i)
      sorted[str(t.seq[i], index_path(path, i))] = entry("service_started", false, true);
  } else if (t.is_map()) {
    for (const auto& [k, v] : t.map) {
      const std::string p = child_path(path, k);
      std::string condition = "service_started";
      bool restart = false, required = true;
      if (v.is_map()) {
        if (auto* x = v.find("condition")) condition = str(*x, child_path(p, "condition"));
        if (condition != "service_started" && condition != "service_healthy" &&
            condition != "service_completed_successfully")
          fail(*v.find("condition"), child_path(p, "condition"), fmt::format("invalid condition \"{}\"", condition));
        if (auto* x = v.find("restart")) restart = parse_bool(*x, child_path(p, "restart"), &ctx.warnings);
        if (auto* x = v.find("required")) required = parse_bool(*x, child_path(p, "required"), &ctx.warnings);
      } else if (!v.is_null()) {
        fail(v, p, "must be a mapping");
      }
      sorted[k] = entry(condition, restart, required);
    }
  } else {
    fail(t, path, "must be a list or a mapping");
  }
  json j = json::object();
  for (auto& [k, v] : sorted) j[k] = v;
  return j;
}

// Lifecycle hooks (compose-go types/hooks.go ServiceHook): pre_start, post_start, pre_stop.
json loader_state::hooks(const tree& t, const std::string& path) const {
  json out = json::array();
  if (!t.is_seq()) fail(t, path, "must be a list");
  for (size_t i = 0; i < t.seq.size(); ++i) {
    const tree& h = t.seq[i];
    const std::string p = index_path(path, i);
    json j = json::object();
    if (auto* v = h.find("command")) j["command"] = shell_command(*v, child_path(p, "command"));
    if (auto* v = h.find("image")) j["image"] = str(*v, child_path(p, "image"));  // pre_start only (schema)
    if (auto* v = h.find("user")) j["user"] = str(*v, child_path(p, "user"));
    if (auto* v = h.find("privileged"); v && parse_bool(*v, child_path(p, "privileged"), &ctx.warnings))
      j["privileged"] = true;
    if (auto* v = h.find("working_dir")) j["working_dir"] = str(*v, child_path(p, "working_dir"));
    if (auto* v = h.find("environment"))
      j["environment"] = string_map_json(mapping_or_list(*v, child_path(p, "environment")), false);
    if (auto* v = h.find("per_replica"); v && parse_bool(*v, child_path(p, "per_replica"), &ctx.warnings))
      j["per_replica"] = true;
    out.push_back(std::move(j));
  }
  return out;
}

}  // namespace stackctl::model::detail::canon
